import type { FollowUp } from '#shared/data/follow-up.ts';
import { FollowUpAlreadyResolvedError } from '../already-resolved-error.ts';
import { mailCaseLink, type CaseMailDeps } from '../case-link.ts';

/**
 * Hands an unresolved case to another owner, who gets a new personal link. The assignment
 * revokes every earlier owner link (they answer 410); the escalation contact's stays. The
 * mail to the new owner moves `ownerNotifiedAt` on.
 */
export const assignFollowUp = async (
  deps: CaseMailDeps,
  followUpId: string,
  owner: { email: string; name: string }
): Promise<FollowUp> => {
  const generation = await deps.followUps.assign(followUpId, owner, deps.now().toISOString());
  if (generation === undefined) {
    // A missing case answers 404 (FollowUpNotFoundError), a resolved one 409.
    await deps.followUps.get(followUpId);
    throw new FollowUpAlreadyResolvedError(`follow-up ${followUpId} is resolved`);
  }
  const followUp = await deps.followUps.get(followUpId);
  await mailCaseLink(deps, followUp, { role: 'owner', email: owner.email, generation });
  // The new owner is the one told now: a resumed workflow need not mail anyone again.
  const notifiedAt = deps.now().toISOString();
  await deps.followUps.markOwnerNotified(followUpId, notifiedAt);
  return { ...followUp, ownerNotifiedAt: notifiedAt };
};
