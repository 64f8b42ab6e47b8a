import { createHash, timingSafeEqual } from 'node:crypto';
import type { Principal } from './principal.ts';

/** The methods that change something: each needs the session's CSRF token. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether a request may go ahead as far as CSRF goes (docs/access.md): a bearer client or a
 * safe method needs no token; a state-changing request made with the session cookie must
 * carry the session's CSRF token (form field `_csrf` or header `x-csrf-token`), compared
 * with the session's hash in constant time.
 */
export const verifyCsrf = (
  principal: Principal,
  method: string,
  token: string | undefined
): boolean => {
  if (principal.via !== 'session' || !STATE_CHANGING.has(method.toUpperCase())) return true;
  if (token === undefined || token === '' || principal.csrfHash === undefined) return false;
  const given = createHash('sha256').update(token).digest();
  const expected = Buffer.from(principal.csrfHash, 'hex');
  return expected.length === given.length && timingSafeEqual(given, expected);
};
