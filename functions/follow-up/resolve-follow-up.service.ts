import type { DataStores } from '#shared/data/data-stores.ts';
import { UNRESOLVED, type FollowUp } from '#shared/data/follow-up.ts';
import type { TransactItem } from '#shared/data/item-store.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import type { RootCause } from './root-causes.ts';
import type { WorkflowPort } from '#shared/workflow/workflow-port.ts';
import { FollowUpAlreadyResolvedError } from './already-resolved-error.ts';

export interface ResolveDeps extends Pick<DataStores, 'followUps' | 'aggregates' | 'transact'> {
  readonly workflow: Pick<WorkflowPort, 'releaseToken'>;
  readonly now: () => Date;
}

export interface Resolution {
  readonly rootCause: RootCause;
  readonly correctiveAction: string;
  readonly notifyRequester: boolean;
  readonly messageToRequester?: string | undefined;
  readonly resolvedBy: string;
}

/**
 * Records root cause and corrective action and resolves the case, with the day's
 * `followUpsResolved` counter in the same transaction; then releases the waiting workflow,
 * which sends the closing mail. A workflow gone or moved on is fine: the next reconcile
 * pass sends a closing mail still due.
 */
export const resolveFollowUp = async (
  deps: ResolveDeps,
  followUpId: string,
  resolution: Resolution,
  /** Written in the same transaction (an admin route's audit record): all or nothing. */
  alongside: readonly TransactItem[] = []
): Promise<FollowUp> => {
  const followUp = await deps.followUps.get(followUpId);
  const now = deps.now().toISOString();
  try {
    await deps.transact([
      deps.followUps.transitionItem(followUp, UNRESOLVED, 'resolved', {
        updatedAt: now,
        resolvedAt: now,
        resolvedBy: resolution.resolvedBy,
        rootCause: resolution.rootCause,
        correctiveAction: resolution.correctiveAction,
        notifyRequester: resolution.notifyRequester,
        messageToRequester: resolution.messageToRequester ?? '',
      }),
      deps.aggregates.addItem(followUp, { followUpsResolved: 1 }),
      ...alongside,
    ]);
  } catch (error) {
    if (conditionFailed(error, 0))
      throw new FollowUpAlreadyResolvedError(`follow-up ${followUpId} is resolved`);
    throw error;
  }
  const resolved = await deps.followUps.get(followUpId);
  if (resolved.taskToken) await deps.workflow.releaseToken(resolved.taskToken, { resolved: true });
  return resolved;
};
