import { z } from 'zod';
import type { ClaimNames } from './claims.ts';

/** The variables the `oidc` flag sets (lib/definitions/function-environment.ts). */
export const oidcEnvSchema = z.object({
  OIDC_ISSUER: z.url(),
  OIDC_CLIENT_ID: z.string().min(1),
  OIDC_AUDIENCE: z.string().min(1),
  OIDC_ROLES_CLAIM: z.string().min(1),
  OIDC_UNITS_CLAIM: z.string().min(1),
  SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30),
});
export type OidcEnv = z.infer<typeof oidcEnvSchema>;

export const claimNamesOf = (env: OidcEnv): ClaimNames => ({
  roles: env.OIDC_ROLES_CLAIM,
  units: env.OIDC_UNITS_CLAIM,
});
