import type { DataStores } from '#shared/data/data-stores.ts';
import { AWAITING_RATING, type Survey } from '#shared/data/survey.ts';
import { personSuppression } from '#shared/kernel/survey-rules.ts';
import { settleClicks, type SettleClicksDeps } from '../rating/settle-clicks.service.ts';
import type { MailTaskInput } from './mail-invitation.service.ts';
import {
  answer,
  earlierAttemptOutcome,
  issueLinks,
  nextAttempt,
  parkOrAnswer,
  sendSurveyMail,
  type MailTaskOutcome,
  type SurveyMailDeps,
} from './survey-mail.ts';

export interface MailReminderDeps
  extends SurveyMailDeps, Pick<DataStores, 'persons'>, Omit<SettleClicksDeps, 'settings'> {}

/**
 * Task MailReminderAndAwaitRating: the one reminder, and the wait until the survey closes.
 * 1. Over (rated, cancelled, expired…) → the task answers itself (the execution ends).
 *    A person's click settled into an inferred rating (settleClicks) is over too: no
 *    reminder to someone who clicked; one still in its quiet period waits without one.
 * 2. No reminder at or past `closesAt` (issue 9, defect 6), none to a person who opted out
 *    or bounced, none twice (`reminded`, or an attempt SES took): the token is parked and
 *    the survey waits to expire.
 * 3. Else the attempt and the token (before the mail, with fresh links until `closesAt`),
 *    SES, then `reminded` with remindedAt and the reminder's message id.
 */
export const mailReminder = async (
  deps: MailReminderDeps,
  input: MailTaskInput
): Promise<MailTaskOutcome> => {
  // With its task item: the reminder's last attempt is kept there.
  const survey = await deps.surveys.getWithTask(input.surveyId);
  if (!AWAITING_RATING.includes(survey.status)) return answer(deps, input.taskToken, survey.status);
  const settled = await settleClicks(deps, survey, false);
  if (settled.outcome === 'inferred') return answer(deps, input.taskToken, 'rated');
  if (settled.outcome === 'waiting') return parkOrAnswer(deps, survey.surveyId, input.taskToken);
  const now = deps.now();
  const email = survey.requesterEmail;
  if (
    survey.status === 'reminded' ||
    !email ||
    survey.closesAt === undefined ||
    new Date(survey.closesAt) <= now ||
    personSuppression(await deps.persons.find(email))
  )
    return parkOrAnswer(deps, survey.surveyId, input.taskToken);
  const attempt = survey.reminderAttempt;
  if (attempt) {
    const parked = await parkOrAnswer(deps, survey.surveyId, input.taskToken);
    if (parked !== 'waiting') return parked;
    const earlier = await earlierAttemptOutcome(deps, attempt, now);
    if (earlier.sent) {
      await recordReminded(deps, survey, earlier.messageId, now);
      return 'waiting';
    }
  }
  return remind(deps, survey, email, survey.closesAt, input);
};

const remind = async (
  deps: MailReminderDeps,
  survey: Survey,
  email: string,
  closesAt: string,
  input: MailTaskInput
): Promise<MailTaskOutcome> => {
  const now = deps.now();
  const attempt = nextAttempt(survey.surveyId, survey.reminderAttempt, now);
  const links = await issueLinks(deps, survey.surveyId, closesAt);
  const claim = { taskToken: input.taskToken, attempt };
  // Rated or cancelled meanwhile: act on what it is now.
  if (!(await deps.surveys.claimReminder(survey.surveyId, claim))) return mailReminder(deps, input);
  const messageId = await sendSurveyMail(deps, survey, email, 'reminder', links, attempt);
  await recordReminded(deps, survey, messageId, now);
  return 'mailed';
};

/**
 * `reminded`, with remindedAt and the reminder's message id: one conditional write (no
 * transaction: nothing else changes with it); a survey rated meanwhile keeps its status.
 */
const recordReminded = async (
  deps: MailReminderDeps,
  survey: Survey,
  messageId: string,
  now: Date
): Promise<void> => {
  const at = now.toISOString();
  await deps.surveys.transition(survey.surveyId, ['sent'], 'reminded', {
    updatedAt: at,
    remindedAt: at,
    reminderMessageId: messageId,
  });
};
