import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteAccess } from '../kernel/access-rules.ts';
import type { AccessGrant } from './access-grant.ts';
import { decideAccess } from './decide-access.ts';
import { principalOf } from './principal.ts';

/** What a console page does with a request: send the person to sign in, refuse, or serve. */
export type PageAccess =
  | { readonly kind: 'sign-in'; readonly location: string }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'allowed'; readonly grant: AccessGrant };

/**
 * The access guard's decision (decideAccess, the same rule table) for a page people open
 * in a browser: where an API route answers 401 or 403 in JSON, a page sends whoever is not
 * signed in to sign in and back here, and shows one who may not see it a page saying so.
 */
export const pageAccess = (
  event: APIGatewayProxyEventV2,
  rules: Readonly<Record<string, RouteAccess>>
): PageAccess => {
  const rule = rules[event.routeKey];
  const decision = decideAccess(rule, principalOf(event), {
    method: event.requestContext.http.method,
    unit: rule?.unit.kind === 'filter' ? event.queryStringParameters?.[rule.unit.query] : undefined,
  });
  if (decision.allowed) return { kind: 'allowed', grant: decision.grant };
  if (decision.status === 403) return { kind: 'forbidden' };
  const back = event.rawQueryString ? `${event.rawPath}?${event.rawQueryString}` : event.rawPath;
  return { kind: 'sign-in', location: `/auth/sign-in?returnTo=${encodeURIComponent(back)}` };
};
