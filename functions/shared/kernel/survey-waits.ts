import type { Survey } from '../data/survey.ts';

/**
 * The input of a CsiSurvey execution (state-machines/csi-survey.asl.json), the contract
 * between whoever starts one (intake through its scheduled start, reconcile) and the
 * workflow. The waits are relative to the start of the task that uses them, because Step
 * Functions timeouts are: `untilReminderSeconds` is the rating wait of
 * MailInvitationAndAwaitRating, `untilCloseSeconds` that of MailReminderAndAwaitRating.
 */
export interface CsiExecutionInput {
  readonly surveyId: string;
  readonly waits: CsiWaits;
}

export interface CsiWaits {
  readonly untilReminderSeconds: number;
  readonly untilCloseSeconds: number;
}

/** The two survey windows, in seconds (from the settings: reminderAfter, expireAfterReminder). */
export interface SurveyWindows {
  readonly reminderAfterSeconds: number;
  readonly expireAfterReminderSeconds: number;
}

/** Step Functions refuses a task timeout below 1 s. */
const atLeastOne = (seconds: number) => Math.max(1, Math.ceil(seconds));

const secondsBetween = (from: Date, to: string | undefined): number =>
  to === undefined ? 0 : (new Date(to).getTime() - from.getTime()) / 1000;

/**
 * The waits of an execution for a survey in its current state, at `now`:
 * - not mailed yet (scheduled, sending): the full windows;
 * - mailed (sent): what is left until the reminder (sentAt + reminderAfter), then from the
 *   reminder to `closesAt`; a reminder already due runs at once;
 * - reminded: the invitation task hands over at once; what is left until `closesAt`.
 * A window that has passed gets 1 s: the task that follows closes the survey, and no
 * reminder is sent past `closesAt` (the reminder task checks it again when it runs).
 */
export const csiWaits = (
  survey: Pick<Survey, 'status' | 'sentAt' | 'closesAt'>,
  windows: SurveyWindows,
  now: Date
): CsiWaits => {
  if (survey.status === 'sent' && survey.sentAt !== undefined) {
    const reminderAt = new Date(
      new Date(survey.sentAt).getTime() + windows.reminderAfterSeconds * 1000
    );
    const from = reminderAt > now ? reminderAt : now;
    return {
      untilReminderSeconds: atLeastOne(secondsBetween(now, reminderAt.toISOString())),
      untilCloseSeconds: atLeastOne(secondsBetween(from, survey.closesAt)),
    };
  }
  if (survey.status === 'reminded') {
    return {
      untilReminderSeconds: 1,
      untilCloseSeconds: atLeastOne(secondsBetween(now, survey.closesAt)),
    };
  }
  return {
    untilReminderSeconds: atLeastOne(windows.reminderAfterSeconds),
    untilCloseSeconds: atLeastOne(windows.expireAfterReminderSeconds),
  };
};

/** The execution input of a survey at `now` (see csiWaits). */
export const csiExecutionInput = (
  survey: Pick<Survey, 'surveyId' | 'status' | 'sentAt' | 'closesAt'>,
  windows: SurveyWindows,
  now: Date
): CsiExecutionInput => ({ surveyId: survey.surveyId, waits: csiWaits(survey, windows, now) });
