import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { ROLES, type Role } from '../kernel/access-rules.ts';

/**
 * Who is behind an admin request, as the authorizer (functions/platform/authorize/) found
 * them: a signed-in person through their session cookie, a machine client through a bearer
 * JWT, or, on the local runtime only, the static admin token of local scripts.
 */
export interface Principal {
  /** The issuer's subject: the stable id audit records name. */
  readonly sub: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  /** The business units this principal may see: every one, or those listed. */
  readonly units: 'all' | readonly string[];
  readonly via: 'session' | 'bearer' | 'local-token';
  /**
   * SHA-256 (hex) of the session's CSRF token, for `via: 'session'` only: every
   * state-changing request made with the cookie must carry the token itself.
   */
  readonly csrfHash?: string;
}

/**
 * The authorizer's context as API Gateway passes it on (payload 2.0, simple responses):
 * flat strings only, so units travel as a comma-separated list or `*` for all.
 */
export const AUTHORIZER_CONTEXT = z.object({
  sub: z.string().min(1),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  units: z.string(),
  via: z.enum(['session', 'bearer', 'local-token']),
  csrfHash: z.string().optional(),
});
export type AuthorizerContext = z.infer<typeof AUTHORIZER_CONTEXT>;

export const toAuthorizerContext = (principal: Principal): AuthorizerContext => ({
  sub: principal.sub,
  name: principal.name,
  email: principal.email,
  role: principal.role,
  units: principal.units === 'all' ? '*' : principal.units.join(','),
  via: principal.via,
  ...(principal.csrfHash === undefined ? {} : { csrfHash: principal.csrfHash }),
});

const authorizedEvent = z.object({
  requestContext: z.object({ authorizer: z.object({ lambda: AUTHORIZER_CONTEXT }) }),
});

/**
 * The principal of an admin request, or undefined when the request carries none (then
 * nothing is served or written: the caller answers 401).
 */
export const principalOf = (event: APIGatewayProxyEventV2): Principal | undefined => {
  const parsed = authorizedEvent.safeParse(event);
  if (!parsed.success) return undefined;
  const context = parsed.data.requestContext.authorizer.lambda;
  const role: Role = context.role;
  return {
    sub: context.sub,
    name: context.name,
    email: context.email,
    role,
    units: context.units === '*' ? 'all' : context.units.split(',').filter((unit) => unit !== ''),
    via: context.via,
    ...(context.csrfHash === undefined ? {} : { csrfHash: context.csrfHash }),
  };
};
