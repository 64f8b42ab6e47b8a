import { z } from 'zod';

/** How long a sign-in lasts: the session cookie, and Cognito's ID and access tokens. */
export const DEFAULT_SESSION_HOURS = 8;

/**
 * Cognito domain prefixes: lower-case letters, digits and inner hyphens, at most 63
 * characters, and none of the words Cognito reserves.
 */
const domainPrefixSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, {
    error: 'lower-case letters, digits and inner hyphens, at most 63 characters',
  })
  .refine((prefix) => !/aws|amazon|cognito/.test(prefix), {
    error: 'Cognito refuses prefixes containing "aws", "amazon" or "cognito"',
  });

/**
 * The `oidc` block of the deployment settings (docs/sign-in-aws.md). Without `issuer` and
 * `clientId` the CDK app creates a Cognito user pool and its app client; with both, any
 * external OpenID Connect issuer (Keycloak, Entra ID, ADFS) signs people in and no user
 * pool is created. The claim names say where the issuer puts the role and the units.
 */
export const oidcSettingsSchema = z
  .strictObject({
    /** The issuer exactly as its discovery document's `issuer` spells it (https only). */
    issuer: z.url({ protocol: /^https$/ }).optional(),
    /** The public client (no secret; PKCE) registered at that issuer for otklik. */
    clientId: z.string().min(1).optional(),
    /** The claim whose value(s) are the role ids (group names in Cognito). */
    rolesClaim: z.string().min(1).default('cognito:groups'),
    /** The claim listing a unit viewer's business-unit ids. */
    unitsClaim: z.string().min(1).default('custom:units'),
    /** Cognito caps ID and access tokens at one day, so a session does too. */
    sessionHours: z.coerce.number().int().min(1).max(24).default(DEFAULT_SESSION_HOURS),
    /** The Cognito hosted sign-in's domain prefix; `otklik-<stage>` when absent. */
    domainPrefix: domainPrefixSchema.optional(),
  })
  .superRefine((oidc, context) => {
    if (oidc.issuer !== undefined && oidc.clientId === undefined)
      context.addIssue({
        code: 'custom',
        path: ['clientId'],
        message: 'an external issuer needs the client id registered there',
      });
    if (oidc.clientId !== undefined && oidc.issuer === undefined)
      context.addIssue({
        code: 'custom',
        path: ['issuer'],
        message: 'a client id needs the issuer it is registered at',
      });
    if (oidc.issuer !== undefined && oidc.domainPrefix !== undefined)
      context.addIssue({
        code: 'custom',
        path: ['domainPrefix'],
        message: 'names the Cognito sign-in domain; an external issuer has its own',
      });
  });
export type OidcSettings = z.infer<typeof oidcSettingsSchema>;
