/**
 * Tasks CloseUnansweredSurvey and MarkSurveyFailed. Input: { surveyId, outcome, reason? }.
 * Returns { expired: true } or, when a rating won the race or a click was settled into an
 * inferred rating, { score }.
 */
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { followInferredFromEnv } from '../rating/follow-inferred-from-env.ts';
import { closeSurvey } from './close-survey.service.ts';
import { closeSurveySchema } from './csi-task.schema.ts';

const store = storeFromEnv();
const settings = settingsFromEnv();
const followInferred = followInferredFromEnv(store);

export const handler = taskHandler(closeSurveySchema, async (input) => {
  const current = await settings.current();
  const deps = { ...store, settings: current, followInferred: followInferred(current) };
  return closeSurvey(deps, input.surveyId, input.outcome, input.reason);
});
