/**
 * Task OpenFollowUp of csi-survey.asl.json. Input: { surveyId }. Opens the case of a low
 * rating (once) and starts its workflow.
 */
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { csiSettingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { stateMachineArnFromEnv, workflowPortFromEnv } from '#shared/workflow/workflow-from-env.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { surveyTaskSchema } from './csi-task.schema.ts';
import { openFollowUp } from './open-follow-up.service.ts';

const deps = {
  ...storeFromEnv(),
  workflow: workflowPortFromEnv(),
  followUpStateMachineArn: stateMachineArnFromEnv('FOLLOW_UP_CASE_STATE_MACHINE_ARN'),
  settings: csiSettingsFromEnv(),
};

export const handler = taskHandler(surveyTaskSchema, (input) => openFollowUp(deps, input.surveyId));
