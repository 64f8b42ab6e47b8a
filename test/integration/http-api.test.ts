import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionDefinition } from '#lib/definitions/functions.ts';
import type { RouteDefinition } from '#lib/definitions/routes.ts';
import { createApiServer } from '#local/http/api-server.ts';
import { LocalFunctions } from '#local/lambda/local-functions.ts';
import { runtime } from './clients.ts';

/** The echo double answers with the event it got; the test reads it back loosely typed. */
interface EchoedEvent {
  headers: Record<string, string | undefined>;
  body: string;
  isBase64Encoded: boolean;
  pathParameters?: Record<string, string>;
  requestContext: { authorizer: { lambda: Record<string, string> } };
}
const echoed = async (response: Response) => (await response.json()) as EchoedEvent;

describe('Local HTTP API: the real route table', () => {
  it('answers GET /health with every component healthy', async () => {
    const response = await fetch(`${runtime.apiUrl}/health`);
    const body = await response.json();

    expect(response.status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      components: [
        { name: 'table', healthy: true },
        { name: 'email', healthy: true },
        { name: 'workflow:callback-probe', healthy: true },
        { name: 'workflow:csi-survey', healthy: true },
        { name: 'workflow:follow-up-case', healthy: true },
        { name: 'source:naumen', healthy: true },
        { name: 'source:jira', healthy: true },
        { name: 'source:zendesk', healthy: true },
        { name: 'source:servicenow', healthy: true },
      ],
    });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the OpenAPI 3.1 document of the admin API at GET /openapi.json, without a token', async () => {
    const response = await fetch(`${runtime.apiUrl}/openapi.json`);
    const body = (await response.json()) as { openapi: string; paths: Record<string, unknown> };

    expect(response.status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toContain('/v1/follow-ups');
  });

  it('answers 404 for an unknown path and 405 with Allow for a known path and wrong method', async () => {
    const missing = await fetch(`${runtime.apiUrl}/no/such/route`);
    const wrongMethod = await fetch(`${runtime.apiUrl}/health`, { method: 'DELETE' });

    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'Not Found' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('fires a schedule on demand through the local control endpoint', async () => {
    const fired = await fetch(`${runtime.apiUrl}/_local/schedules/self-check`, { method: 'POST' });
    const unknown = await fetch(`${runtime.apiUrl}/_local/schedules/no-such-schedule`, {
      method: 'POST',
    });

    expect(fired.status).toBe(200);
    expect(await fired.json()).toMatchObject({ schedule: 'self-check', result: { healthy: true } });
    expect(unknown.status).toBe(404);
  });
});

describe('Local HTTP API: API Gateway v2 events', () => {
  const definitions: FunctionDefinition[] = [
    { id: 'EchoEvent', entry: 'test/fixtures/functions/echo-event.ts', description: 'echo' },
    { id: 'ThrowError', entry: 'test/fixtures/functions/throw-error.ts', description: 'throws' },
    {
      id: 'AuthorizeFixture',
      entry: 'test/fixtures/functions/authorize-fixture.ts',
      description: 'authorizer',
    },
  ];
  // Test routes point at test doubles; the casts name them in the FunctionId slot.
  const routes = [
    { method: 'POST', path: '/echo/{id}', functionId: 'EchoEvent', auth: 'public' },
    { method: 'GET', path: '/files/{proxy+}', functionId: 'EchoEvent', auth: 'public' },
    { method: 'GET', path: '/admin/echo', functionId: 'EchoEvent', auth: 'admin' },
    { method: 'GET', path: '/boom', functionId: 'ThrowError', auth: 'public' },
  ] as unknown as RouteDefinition[];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createApiServer({
      routes,
      functions: new LocalFunctions(definitions, 'test', 'eu-central-1', '000000000000'),
      adminToken: 'admin-token-for-tests',
      authorizerId: 'AuthorizeFixture',
      control: () => Promise.resolve(undefined),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('passes raw body, headers, query, path parameters and cookies as payload 2.0', async () => {
    const response = await fetch(`${base}/echo/%D0%B0%D0%B1%D0%B2?b=2&a=1&a=3`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Custom': 'Value', cookie: 'one=1; two=2' },
      body: '{"raw":  "body kept as sent"}',
    });
    const event = await echoed(response);

    expect(response.status).toBe(200);
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(response.headers.get('set-cookie')).toBe('seen=1; Path=/');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /echo/{id}',
      rawPath: '/echo/%D0%B0%D0%B1%D0%B2',
      rawQueryString: 'b=2&a=1&a=3',
      queryStringParameters: { a: '1,3', b: '2' },
      pathParameters: { id: 'абв' },
      cookies: ['one=1', 'two=2'],
      body: '{"raw":  "body kept as sent"}',
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/echo/%D0%B0%D0%B1%D0%B2' },
        stage: '$default',
        routeKey: 'POST /echo/{id}',
      },
    });
    expect(event.headers['x-custom']).toBe('Value');
    expect(event.headers.cookie).toBeUndefined();
  });

  it('base64-encodes a binary body', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const response = await fetch(`${base}/echo/bin`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    const event = await echoed(response);

    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64')).toEqual(bytes);
  });

  it('matches a greedy {proxy+} path', async () => {
    const event = await echoed(await fetch(`${base}/files/a/b/c.txt`));
    expect(event.pathParameters).toEqual({ proxy: 'a/b/c.txt' });
  });

  it('turns the local token into the local administrator, without the authorizer', async () => {
    const right = await fetch(`${base}/admin/echo`, {
      headers: { authorization: 'Bearer admin-token-for-tests' },
    });

    expect(right.status).toBe(200);
    expect((await echoed(right)).requestContext.authorizer.lambda).toMatchObject({
      sub: 'local-admin',
      role: 'admin',
      units: '*',
      via: 'local-token',
    });
  });

  it('asks the authorizer function otherwise, answering as API Gateway does', async () => {
    const without = await fetch(`${base}/admin/echo`);
    const wrong = await fetch(`${base}/admin/echo`, { headers: { authorization: 'Bearer nope' } });
    const forbidden = await fetch(`${base}/admin/echo`, { headers: { 'x-fixture': 'forbid' } });
    const allowed = await fetch(`${base}/admin/echo`, { headers: { 'x-fixture': 'allow' } });

    expect([without.status, wrong.status, forbidden.status]).toEqual([401, 401, 403]);
    expect(await without.json()).toEqual({ message: 'Unauthorized' });
    expect(await forbidden.json()).toEqual({ message: 'Forbidden' });
    expect(allowed.status).toBe(200);
    expect((await echoed(allowed)).requestContext.authorizer.lambda).toMatchObject({
      sub: 'viewer-1',
      role: 'unit-viewer',
      units: 'ural-steel',
    });
  });

  it('answers 500 without any detail when a handler throws', async () => {
    const response = await fetch(`${base}/boom`);
    const text = await response.text();

    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ message: 'Internal Server Error' });
    expect(text).not.toContain('secret');
  });

  it('answers 413 above the 10 MB payload limit', async () => {
    const response = await fetch(`${base}/echo/big`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
  });
});
