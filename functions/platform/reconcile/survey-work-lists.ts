import type { SurveyWorkItem } from '#shared/data/survey-store.ts';
import { PENDING, type SurveyStatus } from '#shared/data/survey.ts';
import { isTransientFailure } from '#shared/kernel/survey-rules.ts';
import type { SurveyWindows } from '#shared/kernel/survey-waits.ts';

/**
 * A survey that failed for a transient reason gets at most this many more workflows: a
 * mail service down for longer than that is an incident, and the survey stays failed.
 */
export const MAX_RECONCILE_RETRIES = 3;

/**
 * Which surveys a pass looks at: those past their expected time (the schedule), or every
 * pending one (`start-up`: the local runtime just started and forgot every execution, so
 * nothing runs and nothing is left for a grace period either).
 */
export type ReconcileScope = 'due' | 'start-up';

/** One status's work list as a pass reads it: the time bounds, and what it keeps of a page. */
export interface WorkListRead {
  readonly status: SurveyStatus;
  /** Entered the status before this time. */
  readonly before: string;
  readonly after?: string;
  readonly keep: (survey: SurveyWorkItem) => boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The work lists a pass reads and their bounds. Each survey is left alone until the time
 * its own workflow should have moved it on has passed (plus the grace), because until
 * then a running workflow is the normal case and asking Step Functions about each of
 * 100,000 waiting surveys is what made the pass slow (issue 9, defect 10):
 * - scheduled: its `sendAt` (the scheduled start; older surveys without one: the entry);
 * - sending: its entry (a send takes seconds);
 * - sent: the reminder (entry + reminderAfter); reminded: the close (entry +
 *   expireAfterReminder), both as the workflow's own timeouts have them;
 * - failed (transient, fewer than MAX_RECONCILE_RETRIES retries): its entry, within the
 *   survey's lifetime (reminderAfter + expireAfterReminder) — older failures stay.
 * `start-up` looks at every pending survey past the grace, whatever its expected time.
 */
export const workListReads = (
  scope: ReconcileScope,
  now: Date,
  graceSeconds: number,
  windows: SurveyWindows
): WorkListRead[] => {
  const cutoff = now.getTime() - graceSeconds * 1000;
  const wait = (status: SurveyStatus) => {
    if (scope === 'start-up') return 0;
    if (status === 'sent') return windows.reminderAfterSeconds * 1000;
    if (status === 'reminded') return windows.expireAfterReminderSeconds * 1000;
    return 0;
  };
  const pending: WorkListRead[] = PENDING.map((status) => ({
    status,
    before: iso(cutoff - wait(status)),
    keep: (survey) =>
      status !== 'scheduled' || survey.sendAt === undefined || survey.sendAt < iso(cutoff),
  }));
  const lifetime = (windows.reminderAfterSeconds + windows.expireAfterReminderSeconds) * 1000;
  return [
    ...pending,
    {
      status: 'failed',
      before: iso(cutoff),
      after: iso(now.getTime() - lifetime),
      keep: (survey) =>
        isTransientFailure(survey.statusReason) &&
        (survey.reconcileRetries ?? 0) < MAX_RECONCILE_RETRIES,
    },
  ];
};

/**
 * The status a survey failed from, as far as the survey shows it: reminded if a reminder
 * went out, sent if the invitation did, else scheduled (never mailed: sent afresh).
 */
export const statusBeforeFailure = (survey: SurveyWorkItem): SurveyStatus => {
  if (survey.remindedAt !== undefined) return 'reminded';
  if (survey.sentAt !== undefined) return 'sent';
  return 'scheduled';
};
