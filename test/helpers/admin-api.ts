import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { expect } from 'vitest';
import { httpEvent, type HttpResult } from './http-event.ts';

/** Requests to the admin API and what its answers say (not a test file itself). */
export interface AdminRequest {
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  /** Sent as it is when a string, as JSON otherwise. */
  readonly body?: unknown;
  /** Of a POST; JSON unless told otherwise. */
  readonly contentType?: string;
  /** What the Lambda authorizer passes on; an administrator with `sub: admin` unless given. */
  readonly requestContext?: Record<string, unknown>;
}

/** The context the Lambda authorizer (functions/platform/authorize/) passes on for a principal. */
export const authorizerContextOf = (
  sub: string,
  overrides: Record<string, string> = {}
): Record<string, unknown> => ({
  authorizer: {
    lambda: {
      sub,
      name: 'Администратор',
      email: 'admin@example.com',
      role: 'admin',
      units: '*',
      via: 'bearer',
      ...overrides,
    },
  },
});

/** An administrator with a bearer JWT, as the authorizer passes them on. */
export const ADMIN_CLAIMS = authorizerContextOf('admin');

/**
 * A request to an admin route (`'GET /v1/follow-ups/{id}'`) with a bearer token, accepting
 * JSON; the path is the route with its parameters filled in.
 */
export const adminRequest = (
  routeKey: `${'GET' | 'POST'} /${string}`,
  {
    pathParameters,
    query,
    body,
    contentType = 'application/json',
    requestContext = ADMIN_CLAIMS,
  }: AdminRequest = {}
): APIGatewayProxyEventV2 => {
  const [method = 'GET', route = '/'] = routeKey.split(' ');
  return httpEvent({
    method,
    routeKey,
    rawPath: route.replace(/\{(\w+)\}/g, (_match, name: string) => pathParameters?.[name] ?? ''),
    headers: {
      accept: 'application/json',
      authorization: 'Bearer token',
      ...(method === 'POST' ? { 'content-type': contentType } : {}),
    },
    ...(pathParameters ? { pathParameters } : {}),
    ...(query ? { query } : {}),
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    requestContext,
  });
};

/** The paths a 400 answer names, in its order. */
export const errorPaths = (response: HttpResult): string[] =>
  (JSON.parse(response.body) as { errors: { path: string }[] }).errors.map((e) => e.path);

/** A 400 answer naming exactly `paths`, in that order. */
export const expectInvalidRequest = (response: HttpResult, paths: readonly string[]): void => {
  expect(response.statusCode).toBe(400);
  expect(errorPaths(response)).toEqual(paths);
};
