import type { RouteAccess } from '../kernel/access-rules.ts';
import { itemCheck, type AccessGrant } from './access-grant.ts';
import { verifyCsrf } from './csrf.ts';
import type { Principal } from './principal.ts';

/** What of a request the decision looks at. */
export interface AccessRequest {
  readonly method: string;
  /** A `filter` route's unit parameter, when the request names one. */
  readonly unit?: string | undefined;
  /** The CSRF token the request carries (form field `_csrf` or header `x-csrf-token`). */
  readonly csrfToken?: string | undefined;
}

export type AccessDecision =
  | { readonly allowed: true; readonly grant: AccessGrant }
  | { readonly allowed: false; readonly status: 401 | 403; readonly reason: string };

const deny = (status: 401 | 403, reason: string): AccessDecision => ({
  allowed: false,
  status,
  reason,
});

/**
 * The one decision of access for an admin route (docs/access.md), pure: no principal is a
 * 401; a route without a rule, a role the rule does not name, or a state-changing session
 * request without its CSRF token is a 403; a unit viewer asking a list or metric for a unit
 * not theirs is a 403, and one who names none is limited to their own. An item route's
 * item is checked by the handler once read, with the grant's `sees` (out of scope: 404).
 */
export const decideAccess = (
  rule: RouteAccess | undefined,
  principal: Principal | undefined,
  request: AccessRequest
): AccessDecision => {
  if (!principal) return deny(401, 'no principal');
  if (!rule) return deny(403, 'no access rule for the route');
  if (!rule.roles.includes(principal.role)) return deny(403, 'role not allowed');
  if (verifyCsrf(principal, request.method, request.csrfToken) === 'refused')
    return deny(403, 'missing or wrong CSRF token');
  const sees = itemCheck(principal);
  if (rule.unit.kind !== 'filter')
    return { allowed: true, grant: { principal, units: 'all', sees } };
  const asked = request.unit;
  const own = principal.role === 'unit-viewer' ? principal.units : 'all';
  // Whoever may see every unit is limited to none: the handler's own filter (the unit
  // parameter) narrows the answer as it always did.
  if (own === 'all') return { allowed: true, grant: { principal, units: 'all', sees } };
  if (asked !== undefined && !own.includes(asked)) return deny(403, 'unit not in scope');
  return { allowed: true, grant: { principal, units: asked === undefined ? own : [asked], sees } };
};
