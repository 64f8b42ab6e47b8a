import { randomBytes } from 'node:crypto';
import type { DataStores } from '#shared/data/data-stores.ts';
import type { MailAttempt, Survey, SurveyStatus } from '#shared/data/survey.ts';
import { durationSeconds } from '#shared/kernel/duration.ts';
import {
  EmailOutcomeUnknownError,
  EmailRejectedError,
  EmailThrottledError,
  EmailUnavailableError,
  sendMail,
  type MailDeps,
} from '#shared/mail/send-mail.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import type { WorkflowPort } from '#shared/workflow/workflow-port.ts';
import { renderSurveyEmail } from '#functions/csi/mail/survey-email.ts';

/** What both mail tasks use: the survey, its links, the mail, its receipts, the workflow. */
export interface SurveyMailDeps extends Pick<DataStores, 'surveys' | 'tokens' | 'mailReceipts'> {
  readonly mail: MailDeps;
  readonly publicBaseUrl: string;
  readonly workflow: Pick<WorkflowPort, 'releaseToken'>;
  /** How long an attempt without a receipt may still have been taken by SES (seconds). */
  readonly receiptWaitSeconds: number;
  readonly now: () => Date;
  /** The mail's branding and copy: the follow-up threshold, the reminder's delay. */
  readonly settings: CsiSettings;
}

/** What a mail task did, for its log line and metrics (the workflow reads nothing of it). */
export type MailTaskOutcome = 'mailed' | 'waiting' | SurveyStatus;

export interface SurveyLinks {
  readonly ratingUrl: string;
  readonly unsubscribeUrl: string;
}

/** The opt-out link outlives the survey: people unsubscribe from old mail too. */
const UNSUBSCRIBE_EXTRA_MS = 365 * 86400 * 1000;

/**
 * Fresh rating and opt-out links, stored before the mail that carries them is sent, so a
 * link works as soon as its mail can be opened (issue 9, defect 7). Both links of a mail
 * carry one token (one item a mail, issue 8): it rates until `validUntil` and opens the
 * opt-out a year longer (resolveLink).
 */
export const issueLinks = async (
  deps: Pick<SurveyMailDeps, 'tokens' | 'publicBaseUrl'>,
  surveyId: string,
  validUntil: string
): Promise<SurveyLinks> => {
  const unsubscribeUntil = new Date(new Date(validUntil).getTime() + UNSUBSCRIBE_EXTRA_MS);
  const token = await deps.tokens.issue(
    {
      kind: 'rating',
      subjectId: surveyId,
      validUntil,
      unsubscribeUntil: unsubscribeUntil.toISOString(),
    },
    { namingSubject: true }
  );
  return {
    ratingUrl: `${deps.publicBaseUrl}/r/${token}`,
    unsubscribeUrl: `${deps.publicBaseUrl}/u/${token}`,
  };
};

/**
 * The next send attempt: a new id, now, counted on. The id (the mail's SES tag, URL-safe as
 * tags require) begins with the survey's id, so an SES event about the mail (a bounce, a
 * complaint) names its survey without a message-id lookup item (issue 8: two writes a mail).
 */
export const nextAttempt = (
  surveyId: string,
  previous: MailAttempt | undefined,
  now: Date
): MailAttempt => ({
  id: `${surveyId}-${randomBytes(6).toString('base64url')}`,
  at: now.toISOString(),
  count: (previous?.count ?? 0) + 1,
});

/**
 * What became of an earlier attempt whose outcome the task does not know (it timed out or
 * its Lambda died): SES took it (its Send receipt), or it was not sent (SES refused it, or
 * no receipt came within the receipt window).
 * @throws EmailOutcomeUnknownError while the window is open: the workflow retries later
 */
export const earlierAttemptOutcome = async (
  deps: Pick<SurveyMailDeps, 'mailReceipts' | 'receiptWaitSeconds'>,
  attempt: MailAttempt,
  now: Date
): Promise<{ readonly sent: true; readonly messageId: string } | { readonly sent: false }> => {
  const receipt = await deps.mailReceipts.find(attempt.id);
  if (receipt?.outcome === 'sent') return { sent: true, messageId: receipt.messageId };
  if (receipt?.outcome === 'refused') return { sent: false };
  const ageSeconds = (now.getTime() - new Date(attempt.at).getTime()) / 1000;
  if (ageSeconds < deps.receiptWaitSeconds)
    throw new EmailOutcomeUnknownError(`no receipt yet for send attempt ${attempt.count}`);
  return { sent: false };
};

/** SES answered with an error: nothing went out, and the receipt says so for any retry. */
const ANSWERED = [EmailThrottledError, EmailUnavailableError, EmailRejectedError];

/**
 * Sends the invitation or the reminder, tagged with its attempt.
 * @returns the SES message id
 */
export const sendSurveyMail = async (
  deps: SurveyMailDeps,
  survey: Survey,
  email: string,
  kind: 'invitation' | 'reminder',
  links: SurveyLinks,
  attempt: MailAttempt
): Promise<string> => {
  const now = deps.now();
  // The reminder says how long ago the invitation went: its sentAt, else the settings' delay.
  const invitedAt = survey.sentAt
    ? new Date(survey.sentAt)
    : new Date(now.getTime() - durationSeconds(deps.settings.reminderAfter) * 1000);
  const rendered = renderSurveyEmail({
    language: survey.locale,
    kind,
    requesterName: survey.requesterName,
    ticketNumber: survey.ticketNumber,
    title: survey.title,
    ...links,
    branding: deps.settings.branding,
    followUpThreshold: deps.settings.followUpThreshold,
    ratingPolicy: deps.settings.rating.policy,
    invitedAt: kind === 'invitation' ? now : invitedAt,
    now,
  });
  try {
    return await sendMail(deps.mail, {
      to: email,
      ...rendered,
      attemptId: attempt.id,
      headers: [
        { name: 'List-Unsubscribe', value: `<${links.unsubscribeUrl}>` },
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      ],
    });
  } catch (error) {
    if (ANSWERED.some((type) => error instanceof type))
      await deps.mailReceipts.recordRefused(attempt.id, deps.now());
    throw error;
  }
};

/**
 * Parks the workflow's (new) task token on a survey that waits for its rating; when the
 * survey moved on (rated, cancelled), answers the task itself, and the execution ends.
 */
export const parkOrAnswer = async (
  deps: Pick<SurveyMailDeps, 'surveys' | 'workflow'>,
  surveyId: string,
  taskToken: string
): Promise<MailTaskOutcome> => {
  if (await deps.surveys.parkTaskToken(surveyId, taskToken)) return 'waiting';
  const survey = await deps.surveys.get(surveyId);
  return answer(deps, taskToken, survey.status);
};

/** Ends the task with the survey's status as its outcome: nothing more to do for it. */
export const answer = async (
  deps: Pick<SurveyMailDeps, 'workflow'>,
  taskToken: string,
  status: SurveyStatus
): Promise<MailTaskOutcome> => {
  await deps.workflow.releaseToken(taskToken, { outcome: status });
  return status;
};
