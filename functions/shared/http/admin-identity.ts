import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';

/**
 * What an HTTP API JWT authorizer passes on (payload 2.0): the verified token's claims.
 * The local runtime's admin bearer token stands in with `sub: local-admin`.
 */
const authorizedEvent = z.object({
  requestContext: z.object({
    authorizer: z.object({
      jwt: z.object({ claims: z.object({ sub: z.string().min(1) }) }),
    }),
  }),
});

/**
 * The administrator behind an admin request (the token's subject), or undefined when the
 * request carries no verified identity: then nothing is recorded in anyone's name and the
 * caller answers 401, since an audit field must never default to a made-up name.
 */
export const adminIdentityOf = (event: APIGatewayProxyEventV2): string | undefined => {
  const parsed = authorizedEvent.safeParse(event);
  return parsed.success ? parsed.data.requestContext.authorizer.jwt.claims.sub : undefined;
};
