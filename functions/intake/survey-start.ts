import type { Survey } from '#shared/data/survey.ts';
import { durationSeconds } from '#shared/kernel/duration.ts';
import { csiExecutionInput, type SurveyWindows } from '#shared/kernel/survey-waits.ts';
import type { SurveySettings } from '#shared/settings/survey-settings.ts';
import { scheduleNameFor, type ScheduledStartPort } from '#shared/workflow/scheduled-start-port.ts';
import type { WorkflowPort } from '#shared/workflow/workflow-port.ts';

/**
 * A start due within a minute (or already past) is made at once: a schedule that close
 * saves nothing worth its call, and one whose time has passed by the time Scheduler takes
 * it may never fire. A send delay shorter than two minutes (local and test settings) keeps
 * at least half of its window: the reopen-awareness the delay exists for.
 */
export const START_AT_ONCE_WITHIN_MS = 60_000;

const atOnceWithin = (sendDelayMs: number): number =>
  Math.min(START_AT_ONCE_WITHIN_MS, sendDelayMs / 2);

export interface SurveyStartDeps {
  readonly workflow: Pick<WorkflowPort, 'startNamed'>;
  readonly scheduler: Pick<ScheduledStartPort, 'scheduleStart'>;
  readonly csiStateMachineArn: string;
  readonly settings: Pick<SurveySettings, 'sendDelay' | 'reminderAfter' | 'expireAfterReminder'>;
}

/** The survey windows of the settings, in seconds (the execution's waits). */
export const surveyWindows = (
  settings: Pick<SurveySettings, 'reminderAfter' | 'expireAfterReminder'>
): SurveyWindows => ({
  reminderAfterSeconds: durationSeconds(settings.reminderAfter),
  expireAfterReminderSeconds: durationSeconds(settings.expireAfterReminder),
});

/**
 * When a resolution's survey is due to be mailed: the send delay after otklik learnt of the
 * resolution (after the resolution itself, if its time is ahead of ours). The delay is there
 * so that a reopening arriving within it stops the mail, so it runs from the delivery, as the
 * workflow's Wait state did: a delivery that comes late (an outbox catching up, a source
 * clock or zone set wrong) still leaves the whole window.
 */
export const sendAtFor = (
  settings: Pick<SurveySettings, 'sendDelay'>,
  resolvedAt: string,
  receivedAt: Date
) =>
  new Date(
    Math.max(Date.parse(resolvedAt), receivedAt.getTime()) +
      durationSeconds(settings.sendDelay) * 1000
  ).toISOString();

/** The one-time schedule that starts a survey's workflow (`csi-<surveyId>`, 36 characters). */
export const surveyScheduleName = (surveyId: string): string => scheduleNameFor('csi', surveyId);

/**
 * Starts a survey's workflow at its `sendAt`: through a one-time schedule when that is
 * still ahead, at once when it is due (or a zero delay). Either is idempotent and both name
 * the execution after the survey, so a repeat, a race with reconcile or a schedule that
 * fires after an immediate start all end in one execution. The send delay used to be the
 * workflow's first Wait state: one more transition on every ticket ($0.025 per 1,000) for
 * what Scheduler does at $1 per million (docs/csi-loop.md).
 */
export const startSurvey = async (
  deps: SurveyStartDeps,
  survey: Survey,
  now: Date
): Promise<'started' | 'scheduled'> => {
  const input = csiExecutionInput(survey, surveyWindows(deps.settings), now);
  const due = Date.parse(survey.sendAt ?? survey.resolvedAt);
  const delayMs = durationSeconds(deps.settings.sendDelay) * 1000;
  if (Number.isNaN(due) || due - now.getTime() <= atOnceWithin(delayMs)) {
    await deps.workflow.startNamed(deps.csiStateMachineArn, survey.surveyId, input);
    return 'started';
  }
  await deps.scheduler.scheduleStart({
    scheduleName: surveyScheduleName(survey.surveyId),
    at: new Date(due),
    stateMachineArn: deps.csiStateMachineArn,
    executionName: survey.surveyId,
    input,
  });
  return 'scheduled';
};
