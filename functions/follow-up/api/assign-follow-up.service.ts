import type { FollowUp } from '#shared/data/follow-up.ts';
import { FollowUpAlreadyResolvedError } from '../already-resolved-error.ts';
import { mailCaseLink, type CaseMailDeps } from '../case-link.ts';

/** Hands an unresolved case to another owner, who gets a new personal link. */
export const assignFollowUp = async (
  deps: CaseMailDeps,
  followUpId: string,
  owner: { email: string; name: string }
): Promise<FollowUp> => {
  if (!(await deps.followUps.assign(followUpId, owner, deps.now().toISOString()))) {
    // A missing case answers 404 (FollowUpNotFoundError), a resolved one 409.
    await deps.followUps.get(followUpId);
    throw new FollowUpAlreadyResolvedError(`follow-up ${followUpId} is resolved`);
  }
  const followUp = await deps.followUps.get(followUpId);
  await mailCaseLink(deps, followUp, owner, 'owner');
  return followUp;
};
