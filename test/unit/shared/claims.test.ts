import { describe, expect, it } from 'vitest';
import { principalFromClaims, roleOf } from '#shared/access/claims.ts';

const COGNITO = { roles: 'cognito:groups', units: 'custom:units' };

describe('Claims: principalFromClaims', () => {
  it("maps a unit viewer's groups and units, name and e-mail", () => {
    // Act
    const principal = principalFromClaims(
      {
        sub: 'u-1',
        name: 'Ирина Соколова',
        email: 'cfo@ural-steel.local',
        'cognito:groups': ['unit-viewer'],
        'custom:units': 'ural-steel, volga-logistics,ural-steel',
      },
      COGNITO,
      'session'
    );

    // Assess
    expect(principal).toEqual({
      sub: 'u-1',
      name: 'Ирина Соколова',
      email: 'cfo@ural-steel.local',
      role: 'unit-viewer',
      units: ['ural-steel', 'volga-logistics'],
      via: 'session',
    });
  });

  it.each([
    [['unit-viewer', 'admin'], 'admin'],
    ['quality-manager unit-viewer', 'quality-manager'],
    ['unit-viewer,case-owner', 'case-owner'],
    [['other-app', 'unit-viewer'], 'unit-viewer'],
  ])('takes the strongest known role of %j: %s', (groups, role) => {
    expect(roleOf({ 'cognito:groups': groups }, COGNITO)).toBe(role);
  });

  it('reads the claim names it is configured with (an external issuer)', () => {
    // Act
    const principal = principalFromClaims(
      { sub: 'kc-7', roles: ['quality-manager'], 'cognito:groups': ['admin'] },
      { roles: 'roles', units: 'bu' },
      'bearer'
    );

    // Assess: the Cognito claim is not the one configured, so it does not count.
    expect(principal).toMatchObject({ role: 'quality-manager', units: 'all', name: 'kc-7' });
  });

  it('gives every role but the unit viewer all units, whatever the units claim says', () => {
    const principal = principalFromClaims(
      { sub: 'a', 'cognito:groups': 'admin', 'custom:units': 'ural-steel' },
      COGNITO,
      'session'
    );
    expect(principal?.units).toBe('all');
  });

  it('gives a unit viewer without a units claim no unit at all', () => {
    const principal = principalFromClaims(
      { sub: 'v', 'cognito:groups': ['unit-viewer'] },
      COGNITO,
      'session'
    );
    expect(principal?.units).toEqual([]);
  });

  it.each([
    ['no known role', { sub: 'x', 'cognito:groups': ['superuser'] }],
    ['no groups claim', { sub: 'x' }],
    ['a groups claim of another type', { sub: 'x', 'cognito:groups': 7 }],
    ['no subject', { 'cognito:groups': ['admin'] }],
    ['an empty subject', { sub: '', 'cognito:groups': ['admin'] }],
  ])('answers undefined for %s (then nothing is served)', (_case, claims) => {
    expect(principalFromClaims(claims, COGNITO, 'bearer')).toBeUndefined();
  });
});
