/**
 * Tasks AwaitRating and AwaitRatingAfterReminder (lambda:invoke.waitForTaskToken).
 * Input: { surveyId, taskToken }. Parks the token on the survey; never logs it.
 */
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { workflowPortFromEnv } from '#shared/workflow/workflow-from-env.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { awaitRating } from './await-rating.service.ts';
import { awaitRatingSchema } from './csi-task.schema.ts';

const deps = { ...storeFromEnv(), workflow: workflowPortFromEnv() };

export const handler = taskHandler(awaitRatingSchema, (input) =>
  awaitRating(deps, input.surveyId, input.taskToken)
);
