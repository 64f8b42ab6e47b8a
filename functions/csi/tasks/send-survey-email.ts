/**
 * Tasks SendInvitation and SendReminder of csi-survey.asl.json. Input: { surveyId, kind,
 * timers }. Sends the mail through SES v2; throws EmailThrottledError (retried with
 * backoff) or EmailRejectedError (the survey ends failed). Never logs the address.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '#shared/powertools.ts';
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { mailFromEnv, publicBaseUrlFromEnv } from '#shared/mail/mail-from-env.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { sendSurveyEmailSchema } from './csi-task.schema.ts';
import { sendSurveyEmail } from './send-survey-email.service.ts';

const deps = { ...storeFromEnv(), mail: mailFromEnv(), publicBaseUrl: publicBaseUrlFromEnv() };

export const handler = taskHandler(sendSurveyEmailSchema, async (input) => {
  const result = await sendSurveyEmail(deps, input);
  if (result.sent)
    metrics.addMetric(
      input.kind === 'invitation' ? 'SurveySent' : 'ReminderSent',
      MetricUnit.Count,
      1
    );
  return result;
});
