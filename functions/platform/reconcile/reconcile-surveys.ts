import { SURVEY_STATUS_SHARDS } from '#shared/data/keys.ts';
import type { SurveyWorkItem } from '#shared/data/survey-store.ts';
import { csiExecutionInput } from '#shared/kernel/survey-waits.ts';
import { csiTimers } from '#shared/settings/survey-settings.ts';
import { runBounded } from './bounded-pool.ts';
import type { PassBudget, ReconcileDeps } from './reconcile-deps.ts';
import { restartUnlessRunning } from './restart-execution.ts';
import { statusBeforeFailure, workListReads, type WorkListRead } from './survey-work-lists.ts';

export interface SurveyTally {
  /** Surveys looked at (past their expected time). */
  checked: number;
  /** Given a workflow: restarted, resumed, or retried after a transient failure. */
  restarted: number;
  /** Of those, failed surveys put back to their status first. */
  retried: number;
  /** Surveys whose reconciling threw (Step Functions or the table refused): the next pass tries again. */
  errors: number;
}

/**
 * A survey whose workflow is lost gets one again with its remaining waits (from `sentAt`
 * and `closesAt`: a window already over gets 1 s, so the workflow closes it and sends no
 * reminder). A failed one is put back to the status it failed from first, in a guarded
 * transition that counts the retry (a second pass finds it moved and leaves it).
 */
const reconcileSurvey = async (
  deps: ReconcileDeps,
  read: WorkListRead,
  found: SurveyWorkItem,
  tally: SurveyTally
): Promise<void> => {
  const now = deps.now();
  let survey = found;
  if (found.status === 'failed') {
    const retries = (found.reconcileRetries ?? 0) + 1;
    const status = statusBeforeFailure(found);
    const change = { updatedAt: now.toISOString(), reconcileRetries: retries };
    if (!(await deps.surveys.transition(found.surveyId, ['failed'], status, change))) return;
    survey = { ...found, status, reconcileRetries: retries };
    tally.retried += 1;
  }
  const input = csiExecutionInput(survey, csiTimers(deps.settings), now);
  const names = {
    name: survey.surveyId,
    // The same for every pass that finds the survey in this state (see restartUnlessRunning).
    resumeName: `${survey.surveyId}-${found.status === 'failed' ? `retry-${survey.reconcileRetries ?? 0}` : `resume-${read.status}`}`,
    at: now,
  };
  const restart = await restartUnlessRunning(deps.workflow, deps.csiStateMachineArn, names, input);
  if (restart === 'started') tally.restarted += 1;
};

/**
 * Pages through every shard of each work list a pass reads (workListReads), oldest first,
 * and reconciles what each page keeps with at most `budget.concurrency` at a time.
 * @returns false when it stopped for the time budget before the end
 */
export const reconcileSurveys = async (
  deps: ReconcileDeps,
  budget: PassBudget,
  tally: SurveyTally
): Promise<boolean> => {
  const reads = workListReads(
    budget.scope,
    deps.now(),
    deps.graceSeconds,
    csiTimers(deps.settings)
  );
  for (const read of reads) {
    for (let shard = 0; shard < SURVEY_STATUS_SHARDS; shard += 1) {
      let start: Record<string, unknown> | undefined;
      do {
        if (budget.outOfTime()) return false;
        const page = await deps.surveys.statusPage(read.status, shard, {
          before: read.before,
          after: read.after,
          limit: budget.pageSize,
          start,
        });
        const due = page.surveys.filter(read.keep);
        const done = await runBounded(
          due,
          budget.concurrency,
          async (survey) => {
            tally.checked += 1;
            // One survey that cannot be reconciled now must not stop the pass for the rest.
            await reconcileSurvey(deps, read, survey, tally).catch(() => {
              tally.errors += 1;
            });
          },
          budget.outOfTime
        );
        if (done < due.length) return false;
        start = page.next;
      } while (start);
    }
  }
  return true;
};
