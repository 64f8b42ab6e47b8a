import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RouteAccess } from '../kernel/access-rules.ts';
import { jsonResponse } from '../http/json-response.ts';
import { logger } from '../powertools.ts';
import type { AccessGrant } from './access-grant.ts';
import { decideAccess } from './decide-access.ts';
import { principalOf } from './principal.ts';

// The grant of each request in flight, by its event: middy hands the handler the same
// event object the guard saw, and a WeakMap forgets it with the event.
const grants = new WeakMap<APIGatewayProxyEventV2, AccessGrant>();

const FORM = /^application\/x-www-form-urlencoded/i;

/** The CSRF token a request carries: the `x-csrf-token` header, else a form's `_csrf` field. */
const csrfTokenOf = (event: APIGatewayProxyEventV2): string | undefined => {
  const header = event.headers['x-csrf-token'];
  if (header !== undefined) return header;
  if (!FORM.test(event.headers['content-type'] ?? '') || event.body === undefined) return undefined;
  const body = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64').toString('utf8')
    : event.body;
  return new URLSearchParams(body).get('_csrf') ?? undefined;
};

/**
 * The access guard of every admin route (docs/access.md): before the handler runs, it
 * decides with the route's rule (decideAccess) and answers 401 or 403 itself, so nothing
 * is read or written for a request that may not go ahead; a request let through carries
 * its grant to the handler (`grantOf`).
 * @param rules this function's routes' rules, by route key (ROUTE_ACCESS)
 */
export const accessGuard = (
  rules: Readonly<Record<string, RouteAccess>>
): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  before: (request) => {
    const { event } = request;
    const rule = rules[event.routeKey];
    const decision = decideAccess(rule, principalOf(event), {
      method: event.requestContext.http.method,
      unit:
        rule?.unit.kind === 'filter' ? event.queryStringParameters?.[rule.unit.query] : undefined,
      csrfToken: csrfTokenOf(event),
    });
    if (!decision.allowed) {
      // The reason, never the principal's name or e-mail.
      logger.warn('access denied', {
        routeKey: event.routeKey,
        statusCode: decision.status,
        reason: decision.reason,
      });
      return decision.status === 401
        ? jsonResponse(401, { message: 'Unauthorized' })
        : jsonResponse(403, { message: 'Forbidden' });
    }
    grants.set(event, decision.grant);
    return undefined;
  },
});

/** The grant the guard gave this request; throws when the guard did not run (our bug). */
export const grantOf = (event: APIGatewayProxyEventV2): AccessGrant => {
  const grant = grants.get(event);
  if (!grant) throw new Error('no access grant: the handler runs without the access guard');
  return grant;
};
