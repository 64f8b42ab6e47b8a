import { isLinkToken, type TokenStore } from './token-store.ts';
import type { TokenRecord } from './token.ts';

/** No such link (or not of this kind): 404, saying nothing more. */
export class LinkNotFoundError extends Error {
  override name = 'LinkNotFoundError';
}

/** The link existed but its survey or case is over: 410. */
export class LinkGoneError extends Error {
  override name = 'LinkGoneError';
}

/**
 * Until when a token opens a link of `kind`: its own kind until `validUntil`; a survey
 * mail's rating token also the mail's opt-out link, until `unsubscribeUntil`.
 */
const validUntilFor = (record: TokenRecord, kind: TokenRecord['kind']): string | undefined => {
  if (record.kind === kind) return record.validUntil;
  return kind === 'unsubscribe' && record.kind === 'rating' ? record.unsubscribeUntil : undefined;
};

/**
 * Finds what a link token opens (as a record of the kind asked, with that link's validity).
 * A malformed token, an unknown one and one of another kind are all the same 404, so the
 * answer never tells whether a token exists.
 */
export const resolveLink = async (
  tokens: Pick<TokenStore, 'find'>,
  token: string | undefined,
  kind: TokenRecord['kind'],
  now: Date
): Promise<TokenRecord> => {
  if (!token || !isLinkToken(token)) throw new LinkNotFoundError();
  const record = await tokens.find(token);
  const validUntil = record ? validUntilFor(record, kind) : undefined;
  if (!record || validUntil === undefined) throw new LinkNotFoundError();
  if (now.getTime() > new Date(validUntil).getTime()) throw new LinkGoneError();
  return { ...record, kind, validUntil };
};
