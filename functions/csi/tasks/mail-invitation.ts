/**
 * Task MailInvitationAndAwaitRating of csi-survey.asl.json (lambda:invoke.waitForTaskToken).
 * Input: { surveyId, taskToken, waits }. Sends the invitation and parks the token on the
 * survey, or answers the token itself when nothing is to be mailed. Throws the mail errors
 * of send-errors.ts (retried, or the survey fails) and SurveyAlreadyReminded. Never logs
 * the address or the token.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from '#shared/powertools.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { surveyMailDepsFromEnv } from './survey-mail-from-env.ts';
import { mailTaskSchema } from './csi-task.schema.ts';
import { mailInvitation } from './mail-invitation.service.ts';

const deps = surveyMailDepsFromEnv();
const settings = settingsFromEnv();

export const handler = taskHandler(mailTaskSchema, async (input) => {
  const outcome = await mailInvitation({ ...deps, settings: await settings.current() }, input);
  if (outcome === 'mailed') metrics.addMetric('SurveySent', MetricUnit.Count, 1);
  logger.info('invitation task done', { surveyId: input.surveyId, outcome });
  return { outcome };
});
