import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { z } from 'zod';
import { issueLines } from '#shared/kernel/zod-issues.ts';
import { SOURCES, type Source } from '#shared/kernel/sources.ts';
import { logger } from '#shared/powertools.ts';

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
      : { status: 'disabled', problems: issueLines(parsed.error, source) };
  };
  const entries = SOURCES.map((source) => [source, entry(source)] as const);
  return Object.fromEntries(entries) as Record<Source, SourceCredentialEntry>;
};

/** The sources a malformed entry disabled, each logged once per secret version read. */
const reported = new Map<Source, string>();
const logDisabled = (credentials: SourceCredentials): void => {
  for (const source of SOURCES) {
    const entry = credentials[source];
    if (entry.status === 'enabled') {
      reported.delete(source);
      continue;
    }
    const key = entry.problems.join('; ');
    if (reported.get(source) === key) continue;
    reported.set(source, key);
    logger.error('source disabled: its entry in the credentials secret is malformed', {
      source,
      problems: entry.problems,
    });
  }
};

export const sourceCredentials = async (secretId: string): Promise<SourceCredentials> => {
  let value: unknown;
  try {
    value = await getSecret(secretId, { maxAge: 300, transform: 'json' });
  } catch (error) {
    // A value that is no JSON: every source disabled, like a malformed object.
    if (!(error instanceof Error && error.name === 'TransformParameterError')) throw error;
    value = undefined;
  }
  const credentials = parseSourceCredentials(value);
  logDisabled(credentials);
  return credentials;
};
