import type { DataStores } from '#shared/data/data-stores.ts';
import { PENDING } from '#shared/data/survey.ts';
import { closingMailDue } from '#shared/kernel/follow-up-rules.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import { followUpTimers } from '#shared/settings/follow-up-settings.ts';
import { csiTimers } from '#shared/settings/survey-settings.ts';
import type { WorkflowPort } from '#shared/workflow/workflow-port.ts';

export interface ReconcileDeps extends Pick<DataStores, 'surveys' | 'followUps'> {
  readonly workflow: Pick<WorkflowPort, 'executionState' | 'startNamed'>;
  readonly csiStateMachineArn: string;
  readonly followUpStateMachineArn: string;
  readonly settings: CsiSettings;
  readonly now: () => Date;
  /** Leave alone what changed more recently: its own workflow is still starting. */
  readonly graceSeconds: number;
}

/**
 * Starts the workflow `name` again unless it runs: under its own name when it never ran
 * (or was forgotten), else under a resume name. @returns whether it was started
 */
const restartUnlessRunning = async (
  deps: ReconcileDeps,
  stateMachineArn: string,
  name: string,
  input: object
): Promise<boolean> => {
  const state = await deps.workflow.executionState(stateMachineArn, name);
  if (state === 'running') return false;
  const runName = state === 'missing' ? name : `${name}-resume-${deps.now().getTime()}`;
  // A start that finds the name taken lost a race with another pass: counted all the same.
  await deps.workflow.startNamed(stateMachineArn, runName, input);
  return true;
};

const reconcileSurveys = async (deps: ReconcileDeps, before: string): Promise<number> => {
  let restarted = 0;
  for (const status of PENDING) {
    for (const survey of await deps.surveys.listByStatus(status, before)) {
      const input = { surveyId: survey.surveyId, timers: csiTimers(deps.settings) };
      if (await restartUnlessRunning(deps, deps.csiStateMachineArn, survey.surveyId, input))
        restarted += 1;
    }
  }
  return restarted;
};

const reconcileCases = async (deps: ReconcileDeps, before: string): Promise<number> => {
  const recentlyResolved = new Date(deps.now().getTime() - 2 * 86400 * 1000).toISOString();
  const cases = [
    ...(await deps.followUps.listByStatus('open')),
    ...(await deps.followUps.listByStatus('overdue')),
    ...(await deps.followUps.listByStatus('resolved', {
      between: { from: recentlyResolved, to: before },
    })),
  ];
  let restarted = 0;
  for (const f of cases) {
    if (f.status === 'resolved' && !closingMailDue(f)) continue;
    if (f.status !== 'resolved' && f.openedAt > before) continue;
    const input = { followUpId: f.followUpId, timers: followUpTimers(deps.settings), resume: true };
    if (await restartUnlessRunning(deps, deps.followUpStateMachineArn, f.followUpId, input))
      restarted += 1;
  }
  return restarted;
};

/**
 * Makes the workflows follow the table again. DynamoDB holds the truth; a workflow can be
 * lost (a restart of the local runtime forgets running executions) or end early (a step
 * failed for good after its retries). Each pass:
 * 1. every survey still pending (scheduled, sending, sent, reminded) without a running
 *    workflow gets one; PrepareSurvey resumes it from its status;
 * 2. every open or overdue case without a running workflow gets one, resuming at the wait
 *    (the owner already has the link);
 * 3. every case resolved in the last two days whose closing mail is still due gets one, to send it.
 * A pass repeated, or racing another, starts nothing twice: names are deterministic where
 * the workflow never ran, and every task re-reads the table.
 */
export const reconcileWorkflows = async (deps: ReconcileDeps) => {
  const before = new Date(deps.now().getTime() - deps.graceSeconds * 1000).toISOString();
  const surveys = await reconcileSurveys(deps, before);
  const followUps = await reconcileCases(deps, before);
  return { restarted: { surveys, followUps } };
};
