import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { routeAccess } from '#lib/definitions/access.ts';
import { decideAccess, type AccessDecision } from '#shared/access/decide-access.ts';
import type { Principal } from '#shared/access/principal.ts';
import { ROLES, type Role } from '#shared/kernel/access-rules.ts';
import { PRINCIPALS } from '#test/helpers/admin-api.ts';

/**
 * The roles table of docs/access.md (issue 11 §3), written out route by route: which roles
 * each admin route lets in. The access table (lib/definitions/access.ts) must say the same.
 */
const MAY: Record<string, readonly Role[]> = {
  'GET /v1/surveys': ['admin', 'quality-manager', 'unit-viewer'],
  'GET /v1/follow-ups': ['admin', 'quality-manager', 'unit-viewer', 'case-owner'],
  'GET /v1/follow-ups/{id}': ['admin', 'quality-manager', 'unit-viewer', 'case-owner'],
  'POST /v1/follow-ups/{id}/assign': ['admin', 'quality-manager'],
  'POST /v1/follow-ups/{id}/resolve': ['admin', 'quality-manager', 'case-owner'],
  'GET /v1/metrics/csi': ['admin', 'quality-manager', 'unit-viewer'],
  'GET /v1/audit': ['admin'],
  'GET /console': ['admin', 'quality-manager', 'unit-viewer', 'case-owner'],
  'GET /console/csi': ['admin', 'quality-manager', 'unit-viewer'],
  'GET /v1/business-units': ['admin', 'quality-manager'],
  'GET /v1/business-units/unassigned': ['admin', 'quality-manager'],
  'GET /v1/business-units/{id}': ['admin', 'quality-manager', 'unit-viewer'],
  'POST /v1/business-units': ['admin'],
  'PATCH /v1/business-units/{id}': ['admin'],
  'POST /v1/business-units/{id}/deactivate': ['admin'],
  'POST /v1/business-units/{id}/aliases': ['admin', 'quality-manager'],
  'DELETE /v1/business-units/{id}/aliases/{source}/{value}': ['admin', 'quality-manager'],
};

const ofRole: Record<Role, Principal> = {
  admin: PRINCIPALS.admin,
  'quality-manager': PRINCIPALS.quality,
  'unit-viewer': PRINCIPALS.cfo,
  'case-owner': PRINCIPALS.owner,
};

const statusOf = (decision: AccessDecision) => (decision.allowed ? 200 : decision.status);
const methodOf = (routeKey: string) => routeKey.split(' ')[0] ?? 'GET';

describe('Rule: decideAccess, per role and route', () => {
  it('covers every route of the access table, and the table says what the roles table says', () => {
    expect(Object.keys(routeAccess).sort()).toEqual(Object.keys(MAY).sort());
  });

  const cases = Object.entries(MAY).flatMap(([routeKey, roles]) =>
    ROLES.map((role) => [routeKey, role, roles.includes(role) ? 200 : 403] as const)
  );
  it.each(cases)('%s as %s answers %i', (routeKey, role, expected) => {
    // Act
    const decision = decideAccess(routeAccess[routeKey], ofRole[role], {
      method: methodOf(routeKey),
    });

    // Assess
    expect(statusOf(decision)).toBe(expected);
  });

  it('answers 401 without a principal, whatever the route', () => {
    for (const routeKey of Object.keys(MAY))
      expect(statusOf(decideAccess(routeAccess[routeKey], undefined, { method: 'GET' }))).toBe(401);
  });

  it('answers 403 for a route without a rule, even for an admin', () => {
    expect(statusOf(decideAccess(undefined, PRINCIPALS.admin, { method: 'GET' }))).toBe(403);
  });
});

describe('Rule: decideAccess, the unit filter of lists and metrics', () => {
  const metrics = routeAccess['GET /v1/metrics/csi'];
  const twoUnits: Principal = { ...PRINCIPALS.cfo, units: ['ural-steel', 'volga-logistics'] };

  it('limits a unit viewer who names no unit to their own units', () => {
    const decision = decideAccess(metrics, twoUnits, { method: 'GET' });

    expect(decision).toMatchObject({
      allowed: true,
      grant: { units: ['ural-steel', 'volga-logistics'] },
    });
  });

  it('narrows a unit viewer to the one of their units they ask for', () => {
    const decision = decideAccess(metrics, twoUnits, { method: 'GET', unit: 'volga-logistics' });

    expect(decision).toMatchObject({ allowed: true, grant: { units: ['volga-logistics'] } });
  });

  it("answers 403 to a unit viewer asking for another unit's numbers", () => {
    const decision = decideAccess(metrics, PRINCIPALS.cfo, { method: 'GET', unit: 'north-retail' });

    expect(decision).toEqual({ allowed: false, status: 403, reason: 'unit not in scope' });
  });

  it('limits an admin or a quality manager to no unit: their own filter narrows', () => {
    for (const principal of [PRINCIPALS.admin, PRINCIPALS.quality])
      expect(
        decideAccess(metrics, principal, { method: 'GET', unit: 'north-retail' })
      ).toMatchObject({ allowed: true, grant: { units: 'all' } });
  });

  it('limits a unit viewer of every unit to none', () => {
    const all: Principal = { ...PRINCIPALS.cfo, units: 'all' };

    expect(decideAccess(metrics, all, { method: 'GET', unit: 'north-retail' })).toMatchObject({
      allowed: true,
      grant: { units: 'all' },
    });
  });
});

describe('Rule: decideAccess, the scope of one item', () => {
  const item = routeAccess['GET /v1/follow-ups/{id}'];
  const grantOf = (principal: Principal) => {
    const decision = decideAccess(item, principal, { method: 'GET' });
    if (!decision.allowed) throw new Error('expected the route to let the principal in');
    return decision.grant;
  };
  const ural = { unit: 'ural-steel', ownerEmail: 'someone@ssc.local' };
  const volga = { unit: 'volga-logistics', ownerEmail: 'Owner@SSC.local' };

  it('lets an admin and a quality manager see every item', () => {
    for (const principal of [PRINCIPALS.admin, PRINCIPALS.quality]) {
      expect(grantOf(principal).sees(ural)).toBe(true);
      expect(grantOf(principal).sees(volga)).toBe(true);
    }
  });

  it("lets a unit viewer see their unit's items only", () => {
    expect(grantOf(PRINCIPALS.cfo).sees(ural)).toBe(true);
    expect(grantOf(PRINCIPALS.cfo).sees(volga)).toBe(false);
  });

  it('lets a case owner see the cases they own (e-mail in any case), of any unit, only', () => {
    expect(grantOf(PRINCIPALS.owner).sees(volga)).toBe(true);
    expect(grantOf(PRINCIPALS.owner).sees(ural)).toBe(false);
    expect(grantOf(PRINCIPALS.owner).sees({ unit: 'ural-steel' })).toBe(false);
  });

  it('lets no case owner without an e-mail see a case without an owner e-mail', () => {
    const nobody: Principal = { ...PRINCIPALS.owner, email: '' };

    expect(grantOf(nobody).sees({ unit: 'ural-steel', ownerEmail: '' })).toBe(false);
  });
});

describe('Rule: decideAccess, CSRF on state-changing session requests', () => {
  const resolve = routeAccess['POST /v1/follow-ups/{id}/resolve'];
  const TOKEN = 'csrf-token-of-the-session';
  const session: Principal = {
    ...PRINCIPALS.quality,
    via: 'session',
    csrfHash: createHash('sha256').update(TOKEN).digest('hex'),
  };

  it("lets a session's POST in with the session's token", () => {
    expect(statusOf(decideAccess(resolve, session, { method: 'POST', csrfToken: TOKEN }))).toBe(
      200
    );
  });

  it('answers 403 to a session POST without a token, or with another', () => {
    expect(statusOf(decideAccess(resolve, session, { method: 'POST' }))).toBe(403);
    expect(statusOf(decideAccess(resolve, session, { method: 'POST', csrfToken: 'forged' }))).toBe(
      403
    );
  });

  it('asks no token of a bearer client, nor of a safe method', () => {
    expect(statusOf(decideAccess(resolve, PRINCIPALS.quality, { method: 'POST' }))).toBe(200);
    const read = routeAccess['GET /v1/follow-ups/{id}'];
    expect(statusOf(decideAccess(read, session, { method: 'GET' }))).toBe(200);
  });
});
