import type { RouteAccess } from '#shared/kernel/access-rules.ts';

/**
 * Who may call each admin route, and how its business unit is found (docs/access.md): the
 * one table the access guard (functions/shared/access/) enforces, keyed by API Gateway's
 * route key (`METHOD /path`). Every `admin` route of the route table needs an entry, and
 * every entry a route (test/unit/lib/route-access.test.ts).
 */
export const routeAccess: Readonly<Record<string, RouteAccess>> = {
  'GET /v1/surveys': {
    roles: ['admin', 'quality-manager', 'unit-viewer'],
    unit: { kind: 'filter', query: 'businessUnit' },
  },
  'GET /v1/follow-ups': {
    roles: ['admin', 'quality-manager', 'unit-viewer', 'case-owner'],
    unit: { kind: 'filter', query: 'businessUnit' },
  },
  'GET /v1/follow-ups/{id}': {
    roles: ['admin', 'quality-manager', 'unit-viewer', 'case-owner'],
    unit: { kind: 'item' },
  },
  'POST /v1/follow-ups/{id}/assign': {
    roles: ['admin', 'quality-manager'],
    unit: { kind: 'item' },
  },
  'POST /v1/follow-ups/{id}/resolve': {
    roles: ['admin', 'quality-manager', 'case-owner'],
    unit: { kind: 'item' },
  },
  'GET /v1/audit': { roles: ['admin'], unit: { kind: 'global' } },
  // The console's home: anyone signed in, whatever their units.
  'GET /console': {
    roles: ['admin', 'quality-manager', 'unit-viewer', 'case-owner'],
    unit: { kind: 'global' },
  },
  // The console's CSI per unit: a unit viewer sees their own units' rows only.
  'GET /console/csi': {
    roles: ['admin', 'quality-manager', 'unit-viewer'],
    unit: { kind: 'filter', query: 'businessUnit' },
  },
  'GET /v1/metrics/csi': {
    roles: ['admin', 'quality-manager', 'unit-viewer'],
    unit: { kind: 'filter', query: 'businessUnit' },
  },
  // The business-unit registry (docs/business-units.md): reads for the quality team, a
  // unit viewer their own unit; units changed by admins, aliases by the quality team too.
  'GET /v1/business-units': { roles: ['admin', 'quality-manager'], unit: { kind: 'global' } },
  'GET /v1/business-units/unassigned': {
    roles: ['admin', 'quality-manager'],
    unit: { kind: 'global' },
  },
  'GET /v1/business-units/{id}': {
    roles: ['admin', 'quality-manager', 'unit-viewer'],
    unit: { kind: 'item' },
  },
  'POST /v1/business-units': { roles: ['admin'], unit: { kind: 'global' } },
  'PATCH /v1/business-units/{id}': { roles: ['admin'], unit: { kind: 'global' } },
  'POST /v1/business-units/{id}/deactivate': { roles: ['admin'], unit: { kind: 'global' } },
  'POST /v1/business-units/{id}/aliases': {
    roles: ['admin', 'quality-manager'],
    unit: { kind: 'global' },
  },
  'DELETE /v1/business-units/{id}/aliases/{source}/{value}': {
    roles: ['admin', 'quality-manager'],
    unit: { kind: 'global' },
  },
};
