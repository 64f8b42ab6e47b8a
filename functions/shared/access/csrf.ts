import { createHash, timingSafeEqual } from 'node:crypto';
import type { Principal } from './principal.ts';

/** The methods that change something: each needs the session's CSRF token when made with the cookie. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** SHA-256 (hex) of a CSRF token, as the session and the principal keep it. */
export const csrfHashOf = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

export type CsrfVerdict = 'ok' | 'refused';

/**
 * Whether a request may go on as far as CSRF goes (docs/sign-in.md): a browser's
 * state-changing request (a principal `via: 'session'`) must carry its session's token, in
 * the form field `_csrf` or the header `x-csrf-token` (the caller passes whichever came);
 * a read, a bearer JWT and the local token need none, since no browser sends those by
 * itself. Compared in constant time.
 */
export const verifyCsrf = (
  principal: Pick<Principal, 'via' | 'csrfHash'>,
  method: string,
  token: string | undefined
): CsrfVerdict => {
  if (!STATE_CHANGING.has(method.toUpperCase()) || principal.via !== 'session') return 'ok';
  if (token === undefined || token === '' || principal.csrfHash === undefined) return 'refused';
  const given = Buffer.from(csrfHashOf(token), 'hex');
  const expected = Buffer.from(principal.csrfHash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'refused';
};
