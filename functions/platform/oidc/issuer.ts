import * as oidc from 'openid-client';
import type { OidcEnv } from '#shared/access/oidc-env.ts';

/**
 * A plain-http issuer is allowed only on this machine (the local runtime's provider,
 * local/oidc/): anywhere else the issuer, its keys and its token endpoint are https, as
 * openid-client insists by default.
 */
export const isLocalIssuer = (issuer: string): boolean => {
  const url = new URL(issuer);
  return (
    url.protocol === 'http:' &&
    (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]')
  );
};

let discovered: Promise<oidc.Configuration> | undefined;

/**
 * The issuer's configuration (its discovery document) for the public web client, fetched
 * once per cold start; a failed discovery is tried again at the next request instead of
 * being kept.
 */
export const issuerConfiguration = (env: OidcEnv): Promise<oidc.Configuration> => {
  discovered ??= oidc
    .discovery(
      new URL(env.OIDC_ISSUER),
      env.OIDC_CLIENT_ID,
      undefined,
      oidc.None(),
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated only to stand out: used for a local http issuer alone (isLocalIssuer)
      isLocalIssuer(env.OIDC_ISSUER) ? { execute: [oidc.allowInsecureRequests] } : undefined
    )
    .catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
  return discovered;
};
