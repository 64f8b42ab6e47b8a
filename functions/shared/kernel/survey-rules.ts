import type { Person } from '../data/person.ts';
import { RATEABLE, type Survey } from '../data/survey.ts';
import type { CsiSettings } from '../settings/csi-settings.ts';

/**
 * Whether a score opens a follow-up case: below the threshold. The CSI workflow decides
 * the same from its execution input (`timers.followUpThreshold`, the setting at the
 * survey's start); the services decide it here, from the current settings.
 */
export const isLowScore = (score: number, settings: Pick<CsiSettings, 'followUpThreshold'>) =>
  score < settings.followUpThreshold;

/** Whether a survey takes a rating (or a changed one) now: rateable and not closed yet. */
export const takesRatings = (survey: Pick<Survey, 'status' | 'closesAt'>, now: Date): boolean =>
  RATEABLE.includes(survey.status) &&
  survey.closesAt !== undefined &&
  new Date(survey.closesAt) > now;

/** When a survey mailed at `sentAt` stops taking ratings: after the reminder and its wait. */
export const surveyClosesAt = (
  sentAt: Date,
  timers: { readonly reminderAfterSeconds: number; readonly expireAfterReminderSeconds: number }
): string =>
  new Date(
    sentAt.getTime() + (timers.reminderAfterSeconds + timers.expireAfterReminderSeconds) * 1000
  ).toISOString();

/** Why no survey goes to this person at all, if so: they opted out, or mail to them bounced. */
export const personSuppression = (
  person: Person | undefined
): 'opted-out' | 'bounced' | undefined => {
  if (person?.optedOutAt) return 'opted-out';
  if (person?.bouncedAt) return 'bounced';
  return undefined;
};

/**
 * Failure reasons (the error names a survey workflow ended with) that say nothing against
 * the survey itself: the mail service or the platform was unavailable. The reconcile pass
 * gives a survey failed for one of these another workflow; a rejected address stays failed.
 */
const TRANSIENT_FAILURES: readonly string[] = [
  'EmailThrottledError',
  'EmailUnavailableError',
  'EmailOutcomeUnknownError',
  'TimeoutError',
  'States.Timeout',
  'States.TaskFailed',
  'States.HeartbeatTimeout',
];

export const isTransientFailure = (reason: string | undefined): boolean =>
  reason !== undefined && (TRANSIENT_FAILURES.includes(reason) || reason.startsWith('Lambda.'));
