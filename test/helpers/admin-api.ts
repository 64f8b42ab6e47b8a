import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { expect } from 'vitest';
import { toAuthorizerContext, type Principal } from '#shared/access/principal.ts';
import { httpEvent, type HttpResult } from './http-event.ts';

/** Requests to the admin API and what its answers say (not a test file itself). */
export interface AdminRequest {
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  /** Sent as it is when a string, as JSON otherwise. */
  readonly body?: unknown;
  /** Of a POST; JSON unless told otherwise. */
  readonly contentType?: string;
  /** What the authorizer passes on; an administrator with `sub: admin` unless given. */
  readonly requestContext?: Record<string, unknown>;
}

/** A principal of each role, as the authorizer finds them (a bearer client unless told). */
export const PRINCIPALS = {
  admin: {
    sub: 'admin',
    name: 'Алексей Админов',
    email: 'admin@ssc.local',
    role: 'admin',
    units: 'all',
    via: 'bearer',
  },
  quality: {
    sub: 'quality-7',
    name: 'Мария Кузнецова',
    email: 'quality@ssc.local',
    role: 'quality-manager',
    units: 'all',
    via: 'bearer',
  },
  cfo: {
    sub: 'cfo-ural',
    name: 'Ирина Соколова',
    email: 'cfo@ural-steel.local',
    role: 'unit-viewer',
    units: ['ural-steel'],
    via: 'bearer',
  },
  owner: {
    sub: 'owner-9',
    name: 'Павел Смирнов',
    email: 'owner@ssc.local',
    role: 'case-owner',
    units: [],
    via: 'bearer',
  },
} as const satisfies Record<string, Principal>;

/** The request context the authorizer passes on for a principal (payload 2.0, simple responses). */
export const authorizedBy = (principal: Principal) => ({
  authorizer: { lambda: toAuthorizerContext(principal) },
});

/** An administrator's request context: what every admin request carries unless told. */
export const ADMIN_CLAIMS = authorizedBy(PRINCIPALS.admin);

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
