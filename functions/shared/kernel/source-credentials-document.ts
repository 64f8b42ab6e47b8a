import { z } from 'zod';
import { describeIssues } from './zod-issues.ts';
import { SOURCES, type Source } from './sources.ts';

/**
 * Per ticket system, the secrets it signs with and the bearer tokens of senders that
 * cannot sign; up to two of each are valid at once (rotation). One Secrets Manager secret,
 * JSON, read through Powertools Parameters and cached for five minutes:
 * `{ "naumen": { "secrets": ["whsec_…"], "bearerTokens": [] }, "jira": {…}, … }`.
 */
const credentialSchema = z.object({
  secrets: z.array(z.string().min(16)).max(2).default([]),
  bearerTokens: z.array(z.string().min(32)).max(2).default([]),
});
export type SourceCredential = z.infer<typeof credentialSchema>;

/**
 * One source's entry, checked on its own: a malformed entry disables that source only
 * (its webhook answers 503 and /health names it), never the other three. An absent entry
 * is a source with no credentials, which answers 401.
 */
export type SourceCredentialEntry =
  | { readonly status: 'enabled'; readonly credential: SourceCredential }
  | { readonly status: 'disabled'; readonly problems: readonly string[] };
export type SourceCredentials = Readonly<Record<Source, SourceCredentialEntry>>;

const NO_CREDENTIALS: SourceCredentialEntry = {
  status: 'enabled',
  credential: { secrets: [], bearerTokens: [] },
};

/**
 * Every source's entry from the secret's value. Keys that are no source are left unread,
 * as before. Problems name paths and rules, never a value (they are secrets).
 */
export const parseSourceCredentials = (value: unknown): SourceCredentials => {
  const document = z.record(z.string(), z.unknown()).safeParse(value);
  const entry = (source: Source): SourceCredentialEntry => {
    if (!document.success)
      return { status: 'disabled', problems: ['the secret is not a JSON object'] };
    const raw = document.data[source];
    if (raw === undefined) return NO_CREDENTIALS;
    const parsed = credentialSchema.safeParse(raw);
    return parsed.success
      ? { status: 'enabled', credential: parsed.data }
      : {
          status: 'disabled',
          problems: describeIssues(parsed.error, '').map(
            ({ path, message }) => `${path ? `${source}.${path}` : source}: ${message}`
          ),
        };
  };
  const entries = SOURCES.map((source) => [source, entry(source)] as const);
  return Object.fromEntries(entries) as Record<Source, SourceCredentialEntry>;
};
