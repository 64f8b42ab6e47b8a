import { z } from 'zod';
import { claimNamesOf, oidcEnvSchema } from '#shared/access/oidc-env.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { readEnv } from '#shared/env.ts';
import { issuerConfiguration } from '../oidc/issuer.ts';
import type { SignInDeps } from './sign-in.service.ts';

/** Cold-start wiring of the sign-in routes: the table, the issuer, this site's origin. */
export const signInDepsFromEnv = (): SignInDeps => {
  const env = readEnv(oidcEnvSchema.extend({ PUBLIC_BASE_URL: z.url() }));
  const store = storeFromEnv();
  return {
    stores: store,
    issuer: () => issuerConfiguration(env),
    baseUrl: env.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    claimNames: claimNamesOf(env),
    sessionHours: env.SESSION_HOURS,
    now: store.now,
  };
};
