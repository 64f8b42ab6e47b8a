import type { z } from 'zod';
import type { DataStores } from '#shared/data/data-stores.ts';
import { UNSENT, type Survey } from '#shared/data/survey.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import { surveyClosesAt } from '#shared/kernel/survey-rules.ts';
import { sendMail, type MailDeps } from '#shared/mail/send-mail.ts';
import { renderSurveyEmail } from '#functions/csi/mail/survey-email.ts';
import type { sendSurveyEmailSchema } from './csi-task.schema.ts';

export interface SendSurveyDeps extends Pick<
  DataStores,
  'surveys' | 'persons' | 'tokens' | 'aggregates' | 'transact'
> {
  readonly mail: MailDeps;
  readonly publicBaseUrl: string;
  readonly now: () => Date;
}

export type SendSurveyInput = z.infer<typeof sendSurveyEmailSchema>;

/** `sent`: a mail went out. `stop`: the survey is over (cancelled, rated…): the workflow ends. */
export interface SendSurveyResult {
  readonly sent: boolean;
  readonly stop: boolean;
}

const optedOut = async (deps: SendSurveyDeps, email: string): Promise<boolean> =>
  Boolean((await deps.persons.find(email))?.optedOutAt);

/**
 * Sends the invitation or the one reminder.
 * Invitation: 1. only a `scheduled` survey (or one whose send was interrupted) is sent;
 * 2. it is claimed as `sending` first; 3. fresh rating and opt-out tokens are issued, valid
 * until the survey closes; 4. the mail goes out; 5. `sent`, the message id lookup and the
 * day's `sent` counter are written in one transaction, so a retried Lambda cannot count twice.
 * Reminder: only to a survey still `sent` (not rated, not cancelled) whose person has not
 * opted out; a reminder that cannot go out still lets the survey wait until it expires.
 */
export const sendSurveyEmail = async (
  deps: SendSurveyDeps,
  input: SendSurveyInput
): Promise<SendSurveyResult> => {
  const survey = await deps.surveys.get(input.surveyId);
  if (input.kind === 'reminder') return sendReminder(deps, survey);
  const email = survey.requesterEmail;
  if (!UNSENT.includes(survey.status) || !email) return { sent: false, stop: true };
  const now = deps.now();
  const at = now.toISOString();
  if (await optedOut(deps, email)) {
    // Cancelled meanwhile: it stays cancelled, and nothing is sent either way.
    await deps.surveys.transition(survey.surveyId, UNSENT, 'suppressed', {
      updatedAt: at,
      statusReason: 'opted-out',
    });
    return { sent: false, stop: true };
  }
  if (!(await deps.surveys.transition(survey.surveyId, UNSENT, 'sending', { updatedAt: at })))
    return { sent: false, stop: true };
  const closesAt = surveyClosesAt(now, input.timers);
  const messageId = await mailSurvey(deps, survey, email, 'invitation', closesAt);
  try {
    await deps.transact([
      deps.surveys.transitionItem(survey.surveyId, ['sending'], 'sent', {
        updatedAt: at,
        sentAt: at,
        closesAt,
        messageId,
      }),
      deps.aggregates.addItem(survey, { sent: 1 }),
      ...messageItems(deps, messageId, survey.surveyId, 'invitation', now),
    ]);
  } catch (error) {
    // Cancelled while the mail was on its way: the mail went, the survey stays cancelled.
    if (!conditionFailed(error, 0)) throw error;
    await recordMessage(deps, messageId, survey.surveyId, 'invitation', now);
  }
  return { sent: true, stop: false };
};

const sendReminder = async (deps: SendSurveyDeps, survey: Survey): Promise<SendSurveyResult> => {
  if (survey.status !== 'sent') return { sent: false, stop: survey.status !== 'reminded' };
  const email = survey.requesterEmail;
  if (!email || !survey.closesAt || (await optedOut(deps, email)))
    return { sent: false, stop: false };
  const messageId = await mailSurvey(deps, survey, email, 'reminder', survey.closesAt);
  const now = deps.now();
  try {
    await deps.transact([
      deps.surveys.transitionItem(survey.surveyId, ['sent'], 'reminded', {
        updatedAt: now.toISOString(),
        remindedAt: now.toISOString(),
      }),
      ...messageItems(deps, messageId, survey.surveyId, 'reminder', now),
    ]);
  } catch (error) {
    // Rated or cancelled meanwhile: the reminder went anyway; the survey keeps its status.
    if (!conditionFailed(error, 0)) throw error;
    await recordMessage(deps, messageId, survey.surveyId, 'reminder', now);
  }
  return { sent: true, stop: false };
};

/** The message id → survey lookup, when SES gave an id (bounces and complaints name it). */
const messageItems = (
  deps: SendSurveyDeps,
  messageId: string,
  surveyId: string,
  kind: 'invitation' | 'reminder',
  at: Date
) => (messageId ? [deps.surveys.messageItem(messageId, surveyId, kind, at)] : []);

/** The same lookup alone: a mail that went out is a mail that can bounce. */
const recordMessage = async (
  deps: SendSurveyDeps,
  messageId: string,
  surveyId: string,
  kind: 'invitation' | 'reminder',
  at: Date
) => {
  if (messageId) await deps.surveys.recordMessage(messageId, surveyId, kind, at);
};

const mailSurvey = async (
  deps: SendSurveyDeps,
  survey: Survey,
  email: string,
  kind: 'invitation' | 'reminder',
  validUntil: string
): Promise<string> => {
  const ratingToken = await deps.tokens.issue({
    kind: 'rating',
    subjectId: survey.surveyId,
    validUntil,
  });
  // The opt-out link outlives the survey: people unsubscribe from old mail too.
  const unsubscribeUntil = new Date(
    new Date(validUntil).getTime() + 365 * 86400 * 1000
  ).toISOString();
  const unsubscribeToken = await deps.tokens.issue({
    kind: 'unsubscribe',
    subjectId: survey.surveyId,
    validUntil: unsubscribeUntil,
  });
  const unsubscribeUrl = `${deps.publicBaseUrl}/u/${unsubscribeToken}`;
  const rendered = renderSurveyEmail({
    language: survey.locale,
    kind,
    requesterName: survey.requesterName,
    ticketNumber: survey.ticketNumber,
    title: survey.title,
    ratingUrl: `${deps.publicBaseUrl}/r/${ratingToken}`,
    unsubscribeUrl,
  });
  return sendMail(deps.mail, {
    to: email,
    ...rendered,
    headers: [
      { name: 'List-Unsubscribe', value: `<${unsubscribeUrl}>` },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ],
  });
};
