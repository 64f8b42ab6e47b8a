import { TOKEN_PATTERN } from '../kernel/tokens.ts';
import type { TokenStore } from './token-store.ts';
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
 * Finds what a link token opens. A malformed token, an unknown one and one of another
 * kind are all the same 404, so the answer never tells whether a token exists.
 */
export const resolveLink = async (
  tokens: Pick<TokenStore, 'find'>,
  token: string | undefined,
  kind: TokenRecord['kind'],
  now: Date
): Promise<TokenRecord> => {
  if (!token || !TOKEN_PATTERN.test(token)) throw new LinkNotFoundError();
  const record = await tokens.find(token);
  if (record?.kind !== kind) throw new LinkNotFoundError();
  if (now.getTime() > new Date(record.validUntil).getTime()) throw new LinkGoneError();
  return record;
};
