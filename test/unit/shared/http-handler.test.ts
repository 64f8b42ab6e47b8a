import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminHandler } from '#shared/http/admin-handler.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { logger } from '#shared/powertools.ts';
import { ADMIN_CLAIMS } from '#test/helpers/admin-api.ts';
import { httpEvent, invoke } from '#test/helpers/http-event.ts';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const ADMIN_ONLY = { roles: ['admin'], unit: { kind: 'global' } };

const spies = () => ({
  error: vi.spyOn(logger, 'error').mockImplementation(() => undefined),
  warn: vi.spyOn(logger, 'warn').mockImplementation(() => undefined),
});

describe('Middleware: httpHandler', () => {
  it("logs an admin client's 415 at WARN, without a stack, and answers it", async () => {
    // Prepare
    const log = spies();
    vi.stubEnv('ROUTE_ACCESS', JSON.stringify({ 'POST /v1/x': ADMIN_ONLY }));
    const handler = adminHandler(() => Promise.resolve(jsonResponse(200, {})), { jsonBody: true });

    // Act
    const response = await invoke(
      handler,
      httpEvent({
        method: 'POST',
        routeKey: 'POST /v1/x',
        rawPath: '/v1/x',
        headers: { 'content-type': 'text/plain' },
        body: 'hello',
        requestContext: ADMIN_CLAIMS,
      })
    );

    // Assess
    expect(response.statusCode).toBe(415);
    expect(log.error).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith('request rejected', {
      statusCode: 415,
      error: 'UnsupportedMediaTypeError',
    });
    expect(JSON.stringify(log.warn.mock.calls)).not.toMatch(/\bat\s+\S.*:\d+:\d+/);
  });

  it('logs an error of ours at ERROR and answers 500', async () => {
    // Prepare
    const log = spies();
    const failure = new Error('table unavailable');
    const handler = httpHandler(() => Promise.reject(failure));

    // Act
    const response = await invoke(
      handler,
      httpEvent({ method: 'GET', routeKey: 'GET /v1/x', rawPath: '/v1/x' })
    );

    // Assess
    expect(response.statusCode).toBe(500);
    expect(log.error).toHaveBeenCalledWith('request failed', { error: failure });
    expect(log.warn).not.toHaveBeenCalled();
  });
});
