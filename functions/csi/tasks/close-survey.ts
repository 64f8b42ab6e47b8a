/**
 * Tasks CloseUnansweredSurvey and MarkSurveyFailed. Input: { surveyId, outcome, reason? }.
 * Returns { expired: true } or, when a rating won the race, { score }.
 */
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { closeSurvey } from './close-survey.service.ts';
import { closeSurveySchema } from './csi-task.schema.ts';

const deps = storeFromEnv();

export const handler = taskHandler(closeSurveySchema, (input) =>
  closeSurvey(deps, input.surveyId, input.outcome, input.reason)
);
