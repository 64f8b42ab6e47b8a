/**
 * The Lambda authorizer of every `admin` route (HTTP API REQUEST authorizer, payload 2.0,
 * simple responses, no caching; docs/sign-in.md). Input: the request's Authorization header
 * and cookies. A valid bearer JWT or session → allowed, with the principal as context; a
 * person's page (/console) without a session → allowed as `signedIn: no`, so the page
 * sends them to sign in; anything else → `Unauthorized` (API Gateway answers 401). Roles
 * and unit scope are the access guard's, in the route's function.
 */
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { createRemoteJWKSet } from 'jose';
import { z } from 'zod';
import { claimNamesOf, oidcEnvSchema } from '#shared/access/oidc-env.ts';
import { toAuthorizerContext } from '#shared/access/principal.ts';
import { cookieNamesFor } from '#shared/access/session-cookie.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { readEnv } from '#shared/env.ts';
import { logger } from '#shared/powertools.ts';
import { issuerConfiguration } from '../oidc/issuer.ts';
import { authorize, type AuthorizeDeps } from './authorize.service.ts';

const env = readEnv(oidcEnvSchema.extend({ PUBLIC_BASE_URL: z.url() }));
const store = storeFromEnv();

let keys: AuthorizeDeps['keys'] | undefined;
const keysOf = async (): Promise<AuthorizeDeps['keys']> => {
  const jwksUri = (await issuerConfiguration(env)).serverMetadata().jwks_uri;
  if (jwksUri === undefined) throw new Error('the issuer publishes no jwks_uri');
  keys ??= createRemoteJWKSet(new URL(jwksUri));
  return keys;
};

export const handler = async (event: APIGatewayRequestAuthorizerEventV2) => {
  // Only a bearer needs the issuer's keys: a browser with a session is served even while
  // the issuer cannot be reached.
  const bearer = event.headers?.authorization !== undefined;
  const decision = await authorize(
    {
      authorization: event.headers?.authorization,
      cookies: event.cookies,
      path: event.rawPath,
    },
    {
      keys: bearer ? await keysOf() : () => Promise.reject(new Error('no bearer')),
      issuer: env.OIDC_ISSUER,
      audience: env.OIDC_AUDIENCE,
      claimNames: claimNamesOf(env),
      cookieNames: cookieNamesFor(env.PUBLIC_BASE_URL),
      sessions: store.sessions,
      now: store.now,
    }
  );
  if (decision.kind === 'allow')
    return { isAuthorized: true, context: toAuthorizerContext(decision.principal) };
  if (decision.kind === 'unsigned') return { isAuthorized: true, context: { signedIn: 'no' } };
  logger.info('request not authorized', { routeKey: event.routeKey });
  throw new Error('Unauthorized');
};
