/**
 * Task MailReminderAndAwaitRating of csi-survey.asl.json (lambda:invoke.waitForTaskToken).
 * Input: { surveyId, taskToken, waits }. Sends the one reminder (never past closesAt,
 * never to an opted-out person) and parks the token, or answers it itself when the survey
 * is over. Throws the mail errors of send-errors.ts. Never logs the address or the token.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from '#shared/powertools.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { followInferredFromEnv } from '../rating/follow-inferred-from-env.ts';
import { surveyMailDepsFromEnv } from './survey-mail-from-env.ts';
import { mailTaskSchema } from './csi-task.schema.ts';
import { mailReminder } from './mail-reminder.service.ts';

const deps = surveyMailDepsFromEnv();
const settings = settingsFromEnv();
const followInferred = followInferredFromEnv(storeFromEnv());

export const handler = taskHandler(mailTaskSchema, async (input) => {
  const current = await settings.current();
  const outcome = await mailReminder(
    { ...deps, settings: current, followInferred: followInferred(current) },
    input
  );
  if (outcome === 'mailed') metrics.addMetric('ReminderSent', MetricUnit.Count, 1);
  logger.info('reminder task done', { surveyId: input.surveyId, outcome });
  return { outcome };
});
