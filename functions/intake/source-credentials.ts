import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { SOURCES, type Source } from '#shared/kernel/sources.ts';
import {
  parseSourceCredentials,
  type SourceCredentials,
} from '#shared/kernel/source-credentials-document.ts';
import { logger } from '#shared/powertools.ts';

export type {
  SourceCredential,
  SourceCredentialEntry,
  SourceCredentials,
} from '#shared/kernel/source-credentials-document.ts';

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

/**
 * Every source's entry, read through Powertools Parameters (cached five minutes, so a fix
 * reaches every container within that time); a disabled source is logged once.
 */
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
