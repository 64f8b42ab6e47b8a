import type { z } from 'zod';
import type { DataStores } from '#shared/data/data-stores.ts';
import { UNSENT, type MailAttempt, type Survey } from '#shared/data/survey.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import type { mailTaskSchema } from './csi-task.schema.ts';
import { ineligibility, type EligibilityDeps } from './survey-eligibility.ts';
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

export interface MailInvitationDeps
  extends SurveyMailDeps, EligibilityDeps, Pick<DataStores, 'aggregates' | 'transact'> {}

export type MailTaskInput = z.infer<typeof mailTaskSchema>;

/**
 * A resumed execution of a survey that had its reminder already: the workflow's Catch
 * hands over to the reminder's wait (MailReminderAndAwaitRating).
 */
export class SurveyAlreadyRemindedError extends Error {
  override name = 'SurveyAlreadyReminded';
}

/**
 * Task MailInvitationAndAwaitRating: the invitation, and the wait for a rating.
 * 1. An unsent survey: eligibility (PrepareSurvey's rules); not eligible → its status and
 *    reason, and the task answers itself (the execution ends).
 * 2. Else fresh links, then ONE write (`sent`, sentAt, closesAt = now + both waits, the task
 *    token, the attempt), then SES, then its acceptance: message id and the day's `sent`
 *    counter (once).
 * 3. `sent` already (a retry or a resumed execution): the new task token is stored; a mail
 *    SES took is not sent again; an attempt in doubt asks the receipts (survey-mail.ts).
 * 4. `reminded` → SurveyAlreadyReminded; over (rated, cancelled…) → the task answers itself.
 */
export const mailInvitation = async (
  deps: MailInvitationDeps,
  input: MailTaskInput
): Promise<MailTaskOutcome> => {
  const survey = await deps.surveys.get(input.surveyId);
  if (UNSENT.includes(survey.status)) return inviteUnsent(deps, survey, input);
  if (survey.status === 'sent') return resumeSent(deps, survey, input);
  if (survey.status === 'reminded')
    throw new SurveyAlreadyRemindedError(`survey ${survey.surveyId} had its reminder`);
  return answer(deps, input.taskToken, survey.status);
};

const inviteUnsent = async (
  deps: MailInvitationDeps,
  survey: Survey,
  input: MailTaskInput
): Promise<MailTaskOutcome> => {
  const ineligible = await ineligibility(deps, survey);
  const email = survey.requesterEmail;
  if (ineligible || !email) {
    const status = ineligible?.status ?? 'no-contact';
    // A survey cancelled meanwhile stays cancelled; the execution ends either way.
    await deps.surveys.transition(survey.surveyId, UNSENT, status, {
      updatedAt: deps.now().toISOString(),
      statusReason: ineligible?.reason ?? 'no-email',
    });
    return answer(deps, input.taskToken, status);
  }
  return mailAttempt(deps, survey, email, input, undefined);
};

/** One attempt: links, the claim with the token (before the mail), SES, its acceptance. */
const mailAttempt = async (
  deps: MailInvitationDeps,
  survey: Survey,
  email: string,
  input: MailTaskInput,
  previous: MailAttempt | undefined
): Promise<MailTaskOutcome> => {
  const now = deps.now();
  const at = now.toISOString();
  const { untilReminderSeconds, untilCloseSeconds } = input.waits;
  const closesAt = new Date(
    now.getTime() + (untilReminderSeconds + untilCloseSeconds) * 1000
  ).toISOString();
  const attempt = nextAttempt(survey.surveyId, previous, now);
  const links = await issueLinks(deps, survey.surveyId, closesAt);
  const claim = { at, closesAt, taskToken: input.taskToken, attempt };
  const claimed = previous
    ? await deps.surveys.retryInvitation(survey.surveyId, claim)
    : await deps.surveys.claimInvitation(survey.surveyId, claim);
  // Moved on meanwhile (cancelled, or another invocation got there): act on what it is now.
  if (!claimed) return mailInvitation(deps, input);
  const messageId = await sendSurveyMail(deps, survey, email, 'invitation', links, attempt);
  await recordAcceptance(deps, survey, messageId);
  return 'mailed';
};

const resumeSent = async (
  deps: MailInvitationDeps,
  survey: Survey,
  input: MailTaskInput
): Promise<MailTaskOutcome> => {
  const parked = await parkOrAnswer(deps, survey.surveyId, input.taskToken);
  const attempt = survey.invitationAttempt;
  // Mailed (its acceptance recorded), or mailed before attempts were recorded: just wait.
  if (parked !== 'waiting' || survey.messageId !== undefined || !attempt) return parked;
  const email = survey.requesterEmail;
  const now = deps.now();
  const earlier = await earlierAttemptOutcome(deps, attempt, now);
  if (earlier.sent) {
    await recordAcceptance(deps, survey, earlier.messageId);
    return 'waiting';
  }
  if (!email) return parked;
  return mailAttempt(deps, survey, email, input, attempt);
};

/**
 * SES took the invitation: its message id and the day's `sent` counter in one transaction,
 * conditional on no message id yet, so the counter is added exactly once whatever retried;
 * whatever the status became meanwhile (the mail went). A bounce or complaint names the
 * survey by the mail's attempt tag (nextAttempt), so no message-id lookup is written.
 */
const recordAcceptance = async (
  deps: MailInvitationDeps,
  survey: Survey,
  messageId: string
): Promise<void> => {
  try {
    await deps.transact([
      deps.surveys.invitationAcceptedItem(survey.surveyId, messageId),
      deps.aggregates.addItem(survey, { sent: 1 }),
    ]);
  } catch (error) {
    if (!conditionFailed(error, 0)) throw error;
  }
};
