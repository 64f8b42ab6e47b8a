/**
 * Task PrepareSurvey of csi-survey.asl.json. Input: { surveyId }. Records why a survey is
 * not sent (no-contact, suppressed) and returns the decision the workflow routes on.
 */
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { csiSettingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { surveyTaskSchema } from './csi-task.schema.ts';
import { prepareSurvey } from './prepare-survey.service.ts';

const deps = { ...storeFromEnv(), settings: csiSettingsFromEnv() };

export const handler = taskHandler(surveyTaskSchema, (input) =>
  prepareSurvey(deps, input.surveyId)
);
