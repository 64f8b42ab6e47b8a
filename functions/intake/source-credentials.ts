import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { z } from 'zod';
import { ConfigurationError } from '#shared/env.ts';
import { SOURCES } from '#shared/kernel/sources.ts';

/**
 * Per ticket system, the secrets it signs with and the bearer tokens of senders that
 * cannot sign; up to two of each are valid at once (rotation). One Secrets Manager secret,
 * JSON, read through Powertools Parameters and cached for five minutes:
 * `{ "naumen": { "secrets": ["whsec_…"], "bearerTokens": [] }, "jira": {…}, … }`.
 */
const credentials = z.object({
  secrets: z.array(z.string().min(16)).max(2).default([]),
  bearerTokens: z.array(z.string().min(32)).max(2).default([]),
});
export type SourceCredential = z.infer<typeof credentials>;

/**
 * Every source of the one list, an absent one with no credentials (so it answers 401).
 * A loose record: a key that is no source is let through unread, as an object schema
 * would strip it, rather than making the whole secret invalid.
 */
export const sourceCredentialsSchema = z.looseRecord(z.enum(SOURCES), credentials.prefault({}));
export type SourceCredentials = z.infer<typeof sourceCredentialsSchema>;

export const sourceCredentials = async (secretId: string): Promise<SourceCredentials> => {
  const value = await getSecret(secretId, { maxAge: 300, transform: 'json' });
  const parsed = sourceCredentialsSchema.safeParse(value);
  if (!parsed.success)
    throw new ConfigurationError(
      'the source credentials secret is not valid JSON of the documented shape'
    );
  return parsed.data;
};
