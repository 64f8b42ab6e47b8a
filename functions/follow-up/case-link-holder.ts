import type { DataStores } from '#shared/data/data-stores.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { LinkGoneError, resolveLink } from '#shared/data/resolve-link.ts';
import type { CaseLinkHolder } from '#shared/data/token.ts';
import { emailKey } from '#shared/kernel/tokens.ts';

/** Whom a case link is mailed to: the owner (of a generation) or the escalation contact. */
export type CaseLinkRecipient =
  | { readonly role: 'owner'; readonly email: string; readonly generation: number }
  | { readonly role: 'escalation'; readonly email: string };

/** The case's current owner, as a recipient of the current owner generation. */
export const currentOwnerOf = (followUp: FollowUp): CaseLinkRecipient => ({
  role: 'owner',
  email: followUp.owner.email,
  generation: followUp.ownerGeneration ?? 0,
});

export const escalationContactOf = (followUp: FollowUp): CaseLinkRecipient => ({
  role: 'escalation',
  email: followUp.escalation.email,
});

/** What a link stores of its recipient: the role and the address's hash, never the address. */
export const holderOf = (to: CaseLinkRecipient): CaseLinkHolder =>
  to.role === 'owner'
    ? { role: 'owner', emailHash: emailKey(to.email), generation: to.generation }
    : { role: 'escalation', emailHash: emailKey(to.email) };

/**
 * A link mailed before holders were recorded counts as the first owner's: until the first
 * assignment that is who holds the case, and that assignment revokes it like any owner link.
 */
const holderOrFirstOwner = (holder: CaseLinkHolder | undefined, followUp: FollowUp) =>
  holder ?? holderOf({ role: 'owner', email: followUp.owner.email, generation: 0 });

/** An assignment since the link was mailed revoked it; the escalation contact keeps theirs. */
const revoked = (holder: CaseLinkHolder, followUp: FollowUp): boolean =>
  holder.role === 'owner' && holder.generation !== (followUp.ownerGeneration ?? 0);

/**
 * An owner's link that a later assignment revoked: gone (410) like an expired one, but the
 * case page says the case was handed over rather than "closed".
 */
export class CaseLinkRevokedError extends LinkGoneError {
  override name = 'CaseLinkRevokedError';
}

/**
 * The case a case link opens and who holds the link. Unknown: 404; expired: 410
 * (LinkGoneError), as the page handler answers; an owner's link revoked by a later
 * assignment: CaseLinkRevokedError (a LinkGoneError too).
 */
export const openCaseLink = async (
  deps: Pick<DataStores, 'tokens' | 'followUps'>,
  token: string | undefined,
  now: Date
): Promise<{ readonly followUp: FollowUp; readonly holder: CaseLinkHolder }> => {
  const link = await resolveLink(deps.tokens, token, 'case', now);
  const followUp = await deps.followUps.get(link.subjectId);
  const holder = holderOrFirstOwner(link.holder, followUp);
  if (revoked(holder, followUp)) throw new CaseLinkRevokedError();
  return { followUp, holder };
};

/**
 * Who resolved a case through a link, as `resolvedBy` records it: the holder's role and
 * email hash. Not the address: the case is shown by the admin API and its ids are logged.
 */
export const resolverOf = (holder: CaseLinkHolder): string => `${holder.role}:${holder.emailHash}`;
