import { currentOwnerOf } from '../case-link-holder.ts';
import { mailCaseLink, type CaseMailDeps } from '../case-link.ts';

/** Mails the owner the case link (the case's first step); nothing for a resolved case. */
export const notifyOwner = async (deps: CaseMailDeps, followUpId: string): Promise<void> => {
  const followUp = await deps.followUps.get(followUpId);
  if (followUp.status === 'resolved') return;
  await mailCaseLink(deps, followUp, currentOwnerOf(followUp));
};
