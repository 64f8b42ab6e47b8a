import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { principalOf } from '../access/principal.ts';

/**
 * The subject of the principal behind an admin request (as the authorizer passes it on:
 * functions/shared/access/principal.ts), or undefined when the request carries none: then
 * nothing is recorded in anyone's name and the caller answers 401, since an audit field
 * must never default to a made-up name. The local runtime's admin token stands in with
 * `sub: local-admin`.
 */
export const adminIdentityOf = (event: APIGatewayProxyEventV2): string | undefined =>
  principalOf(event)?.sub;
