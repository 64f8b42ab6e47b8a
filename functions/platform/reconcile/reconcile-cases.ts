import type { FollowUp } from '#shared/data/follow-up.ts';
import { closingMailDue } from '#shared/kernel/follow-up-rules.ts';
import { followUpTimers } from '#shared/settings/follow-up-settings.ts';
import { runBounded } from './bounded-pool.ts';
import type { PassBudget, ReconcileDeps } from './reconcile-deps.ts';
import { restartUnlessRunning } from './restart-execution.ts';

export interface CaseTally {
  restarted: number;
  errors: number;
}

/**
 * The input a case's workflow resumes with. `resume: true` skips the owner's mail, so it is
 * asked for only once that mail went out (`ownerNotifiedAt`, issue 9 defect 2) or the case
 * is resolved (only the closing mail is left).
 */
const caseInput = (deps: ReconcileDeps, f: FollowUp) => ({
  followUpId: f.followUpId,
  timers: followUpTimers(deps.settings),
  resume: f.status === 'resolved' || f.ownerNotifiedAt !== undefined,
});

/**
 * Every open or overdue case without a running workflow gets one; so does every case
 * resolved in the last two days whose closing mail is still due. Cases are few (a low
 * score of an answered survey), so their lists are read whole; each is still only
 * reconciled within the pass's budget and concurrency.
 * @returns false when it stopped for the time budget before the end
 */
export const reconcileCases = async (
  deps: ReconcileDeps,
  budget: PassBudget,
  tally: CaseTally
): Promise<boolean> => {
  const now = deps.now();
  const before = new Date(now.getTime() - deps.graceSeconds * 1000).toISOString();
  const recentlyResolved = new Date(now.getTime() - 2 * 86400 * 1000).toISOString();
  const cases = [
    ...(await deps.followUps.listByStatus('open')),
    ...(await deps.followUps.listByStatus('overdue')),
    ...(await deps.followUps.listByStatus('resolved', {
      between: { from: recentlyResolved, to: before },
    })),
  ].filter((f) => (f.status === 'resolved' ? closingMailDue(f) : f.openedAt <= before));
  const done = await runBounded(
    cases,
    budget.concurrency,
    async (f) => {
      const names = {
        name: f.followUpId,
        resumeName: `${f.followUpId}-resume-${f.status}`,
        at: now,
      };
      await restartUnlessRunning(
        deps.workflow,
        deps.followUpStateMachineArn,
        names,
        caseInput(deps, f)
      )
        .then((restart) => {
          if (restart === 'started') tally.restarted += 1;
        })
        .catch(() => {
          tally.errors += 1;
        });
    },
    budget.outOfTime
  );
  return done === cases.length;
};
