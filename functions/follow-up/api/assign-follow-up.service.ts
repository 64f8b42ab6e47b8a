import type { DataStores } from '#shared/data/data-stores.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import { FollowUpAlreadyResolvedError } from '../already-resolved-error.ts';
import { mailCaseLink, type CaseMailDeps } from '../case-link.ts';

export type AssignDeps = CaseMailDeps & Pick<DataStores, 'caseEvents'>;

/**
 * Hands an unresolved case to another owner, who gets a new personal link: from the admin
 * API and from the case page alike. The assignment revokes every earlier owner link (they
 * answer 410); the escalation contact's stays. The mail to the new owner moves
 * `ownerNotifiedAt` on; the case's timeline records who handed it to whom.
 * @param by who reassigns: an admin's identity, or a link holder (`resolverOf`)
 */
export const assignFollowUp = async (
  deps: AssignDeps,
  followUpId: string,
  owner: { email: string; name: string },
  by: string
): Promise<FollowUp> => {
  const generation = await deps.followUps.assign(followUpId, owner, deps.now().toISOString());
  if (generation === undefined) {
    // A missing case answers 404 (FollowUpNotFoundError), a resolved one 409.
    await deps.followUps.get(followUpId);
    throw new FollowUpAlreadyResolvedError(`follow-up ${followUpId} is resolved`);
  }
  const followUp = await deps.followUps.get(followUpId);
  const at = deps.now().toISOString();
  await deps.caseEvents.record({
    followUpId,
    kind: 'reassigned',
    at,
    by,
    toName: owner.name,
    toEmailHash: emailKey(owner.email),
  });
  await mailCaseLink(deps, followUp, { role: 'owner', email: owner.email, generation });
  // The new owner is the one told now: a resumed workflow need not mail anyone again.
  const notifiedAt = deps.now().toISOString();
  await deps.followUps.markOwnerNotified(followUpId, notifiedAt);
  return { ...followUp, ownerNotifiedAt: notifiedAt };
};
