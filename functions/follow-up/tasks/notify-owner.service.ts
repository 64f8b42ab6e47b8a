import { currentOwnerOf } from '../case-link-holder.ts';
import { mailCaseLink, type CaseMailDeps } from '../case-link.ts';

/**
 * Mails the owner the case link (the case's first step), then records `ownerNotifiedAt`
 * (issue 9, item 2): the reconcile pass resumes a case past this step only once it is set,
 * so an owner mail that failed (SES 503 on every retry) is tried again, never skipped. A
 * resolved case mails nobody; a case whose owner was told already (a retried invocation)
 * is not mailed twice.
 */
export const notifyOwner = async (
  deps: CaseMailDeps,
  followUpId: string
): Promise<{ notified: boolean }> => {
  const followUp = await deps.followUps.get(followUpId);
  if (followUp.status === 'resolved' || followUp.ownerNotifiedAt) return { notified: false };
  await mailCaseLink(deps, followUp, currentOwnerOf(followUp));
  await deps.followUps.markOwnerNotified(followUpId, deps.now().toISOString());
  return { notified: true };
};
