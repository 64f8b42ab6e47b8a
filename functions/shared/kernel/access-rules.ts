/**
 * The vocabulary of access (docs/access.md): the roles a signed-in person or machine client
 * holds, and how a route finds the business unit it touches. The rule of each admin route is
 * in one table, lib/definitions/access.ts, beside the route table; this file only names the
 * words both the table and the guard in functions/shared/access/ speak.
 */
export const ROLES = ['admin', 'quality-manager', 'unit-viewer', 'case-owner'] as const;
export type Role = (typeof ROLES)[number];

/**
 * How a route's business unit is found:
 * - `global`: the route is about no single unit (settings, audit, the registry itself): the
 *   role alone decides;
 * - `filter`: a list or a metric, filtered by the query parameter named: a unit viewer is
 *   forced to their own units, and asking for another unit answers 403;
 * - `item`: one item, whose unit is known once it is read: out of scope answers 404, so that
 *   nobody learns that it exists.
 */
export type UnitScope =
  | { readonly kind: 'global' }
  | { readonly kind: 'filter'; readonly query: string }
  | { readonly kind: 'item' };

export interface RouteAccess {
  readonly roles: readonly Role[];
  readonly unit: UnitScope;
}
