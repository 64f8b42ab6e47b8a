import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccessGrant } from '#shared/access/access-grant.ts';
import type { Principal } from '#shared/access/principal.ts';
import { adminHandler } from '#shared/http/admin-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { logger } from '#shared/powertools.ts';
import { adminRequest, authorizedBy, PRINCIPALS } from '#test/helpers/admin-api.ts';
import { invoke } from '#test/helpers/http-event.ts';

const RULES = {
  'GET /v1/metrics/csi': {
    roles: ['admin', 'quality-manager', 'unit-viewer'],
    unit: { kind: 'filter', query: 'businessUnit' },
  },
  'POST /v1/follow-ups/{id}/resolve': {
    roles: ['admin', 'quality-manager', 'case-owner'],
    unit: { kind: 'item' },
  },
};

const TOKEN = 'the-session-csrf-token';
const session: Principal = {
  ...PRINCIPALS.quality,
  via: 'session',
  csrfHash: createHash('sha256').update(TOKEN).digest('hex'),
};

let seen: AccessGrant[] = [];
const build = (jsonBody = false) =>
  adminHandler(
    (_event, grant) => {
      seen.push(grant);
      return Promise.resolve(jsonResponse(200, { ok: true }));
    },
    { jsonBody }
  );

let warn = vi.fn();
beforeEach(() => {
  seen = [];
  vi.stubEnv('ROUTE_ACCESS', JSON.stringify(RULES));
  warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const metrics = (principal: Principal | undefined, query: Record<string, string> = {}) =>
  adminRequest('GET /v1/metrics/csi', {
    query: { from: '2025-03-01', to: '2025-03-31', ...query },
    requestContext: principal ? authorizedBy(principal) : {},
  });

describe('Middleware: the access guard of adminHandler', () => {
  it('answers 401 and runs nothing without a principal', async () => {
    const response = await invoke(build(), metrics(undefined));

    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body)).toEqual({ message: 'Unauthorized' });
    expect(seen).toEqual([]);
  });

  it('answers 403 and runs nothing for a role the rule does not name', async () => {
    const response = await invoke(build(), metrics(PRINCIPALS.owner));

    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body)).toEqual({ message: 'Forbidden' });
    expect(seen).toEqual([]);
  });

  it('answers 403 for a route this function has no rule for', async () => {
    const response = await invoke(build(), adminRequest('GET /v1/surveys'));

    expect(response.statusCode).toBe(403);
    expect(seen).toEqual([]);
  });

  it("forces a unit viewer's units, and refuses another unit with 403", async () => {
    const own = await invoke(build(), metrics(PRINCIPALS.cfo));
    const other = await invoke(build(), metrics(PRINCIPALS.cfo, { businessUnit: 'north-retail' }));

    expect(own.statusCode).toBe(200);
    expect(seen.map((grant) => grant.units)).toEqual([['ural-steel']]);
    expect(other.statusCode).toBe(403);
  });

  it('logs a refusal with its reason, never who was refused', async () => {
    await invoke(build(), metrics(PRINCIPALS.cfo, { businessUnit: 'north-retail' }));

    expect(warn).toHaveBeenCalledWith('access denied', {
      routeKey: 'GET /v1/metrics/csi',
      statusCode: 403,
      reason: 'unit not in scope',
    });
    expect(JSON.stringify(warn.mock.calls)).not.toContain('cfo@ural-steel');
  });

  const resolve = (headers: Record<string, string>, body: string, contentType: string) => {
    const event = adminRequest('POST /v1/follow-ups/{id}/resolve', {
      pathParameters: { id: 'a'.repeat(32) },
      body,
      contentType,
      requestContext: authorizedBy(session),
    });
    return { ...event, headers: { ...event.headers, ...headers } };
  };

  it('answers 403 to a session POST without its CSRF token, before reading the body', async () => {
    const response = await invoke(build(true), resolve({}, '{}', 'application/json'));

    expect(response.statusCode).toBe(403);
    expect(seen).toEqual([]);
  });

  it('takes the CSRF token from the x-csrf-token header or the _csrf form field', async () => {
    const header = await invoke(
      build(true),
      resolve({ 'x-csrf-token': TOKEN }, '{}', 'application/json')
    );
    const form = await invoke(
      build(),
      resolve({}, `rootCause=skills&_csrf=${TOKEN}`, 'application/x-www-form-urlencoded')
    );
    const wrong = await invoke(
      build(),
      resolve({}, '_csrf=forged', 'application/x-www-form-urlencoded')
    );

    expect([header.statusCode, form.statusCode, wrong.statusCode]).toEqual([200, 200, 403]);
    expect(seen.map((grant) => grant.principal.sub)).toEqual(['quality-7', 'quality-7']);
  });
});
