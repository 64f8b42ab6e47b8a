import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { pageAccess } from '#shared/access/page-access.ts';
import type { RouteAccess } from '#shared/kernel/access-rules.ts';
import { authorizedBy, PRINCIPALS } from '#test/helpers/admin-api.ts';

const RULES: Record<string, RouteAccess> = {
  'GET /console/csi': {
    roles: ['admin', 'quality-manager', 'unit-viewer'],
    unit: { kind: 'filter', query: 'businessUnit' },
  },
};

const pageEvent = (
  requestContext: Record<string, unknown>,
  query: Record<string, string> = {}
): APIGatewayProxyEventV2 => {
  const rawQueryString = new URLSearchParams(query).toString();
  const event = {
    version: '2.0',
    routeKey: 'GET /console/csi',
    rawPath: '/console/csi',
    rawQueryString,
    headers: {},
    queryStringParameters: rawQueryString === '' ? undefined : query,
    isBase64Encoded: false,
    requestContext: { http: { method: 'GET', path: '/console/csi' }, ...requestContext },
  };
  return event as unknown as APIGatewayProxyEventV2;
};

describe('Access: pageAccess, the guard of pages people open', () => {
  it('sends whoever is not signed in to sign in, and back to the page with its query', () => {
    const access = pageAccess(pageEvent({}, { from: '2026-10-01' }), RULES);

    expect(access).toEqual({
      kind: 'sign-in',
      location: `/auth/sign-in?returnTo=${encodeURIComponent('/console/csi?from=2026-10-01')}`,
    });
  });

  it('refuses a role the rule does not name, and a unit viewer asking for another unit', () => {
    expect(pageAccess(pageEvent(authorizedBy(PRINCIPALS.owner)), RULES).kind).toBe('forbidden');
    const other = pageEvent(authorizedBy(PRINCIPALS.cfo), { businessUnit: 'volga-logistics' });
    expect(pageAccess(other, RULES).kind).toBe('forbidden');
  });

  it('limits a unit viewer to their units and lets the quality manager see all', () => {
    const cfo = pageAccess(pageEvent(authorizedBy(PRINCIPALS.cfo)), RULES);
    const quality = pageAccess(pageEvent(authorizedBy(PRINCIPALS.quality)), RULES);

    expect(cfo.kind === 'allowed' && cfo.grant.units).toEqual(['ural-steel']);
    expect(quality.kind === 'allowed' && quality.grant.units).toBe('all');
  });
});
