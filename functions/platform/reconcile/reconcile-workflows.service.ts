import { reconcileCases, type CaseTally } from './reconcile-cases.ts';
import type { PassBudget, ReconcileDeps } from './reconcile-deps.ts';
import { reconcileSurveys, type SurveyTally } from './reconcile-surveys.ts';

export type { PassBudget, ReconcileDeps } from './reconcile-deps.ts';

/** A pass as the schedule runs it: what is past its time, 200 a page, 16 at a time. */
export const DEFAULT_BUDGET: Omit<PassBudget, 'outOfTime'> = {
  scope: 'due',
  pageSize: 200,
  concurrency: 16,
};

/**
 * Makes the workflows follow the table again. DynamoDB holds the truth; a workflow can be
 * lost (a restart of the local runtime forgets running executions) or end early (a step
 * failed for good after its retries). Each pass, bounded (pages, a concurrency limit, a
 * time budget) so that 100,000 pending surveys are handled over one or more passes:
 * 1. every open or overdue case without a running workflow gets one, and every case
 *    resolved in the last two days whose closing mail is still due (reconcile-cases.ts);
 * 2. every pending survey (scheduled, sending, sent, reminded) past the time its workflow
 *    should have moved it on, without a running workflow, gets one with its remaining
 *    waits (survey-work-lists.ts); a survey failed for a transient reason is put back to
 *    the status it failed from and gets one too, a few times at most.
 * A pass stopped by its budget leaves the rest to the next: what it handled has moved on
 * (its workflow acts within the grace) or runs, so the next pass skips it. A pass repeated,
 * or racing another, starts nothing twice: execution names are deterministic per state.
 */
export const reconcileWorkflows = async (deps: ReconcileDeps, budget: PassBudget) => {
  const surveys: SurveyTally = { checked: 0, restarted: 0, retried: 0, errors: 0 };
  const followUps: CaseTally = { restarted: 0, errors: 0 };
  // Cases first: they are few, and a pass that runs out of time on surveys still did them.
  const casesDone = await reconcileCases(deps, budget, followUps);
  const surveysDone = casesDone && (await reconcileSurveys(deps, budget, surveys));
  return {
    restarted: { surveys: surveys.restarted, followUps: followUps.restarted },
    retried: surveys.retried,
    checked: surveys.checked,
    errors: surveys.errors + followUps.errors,
    complete: surveysDone && casesDone,
  };
};
