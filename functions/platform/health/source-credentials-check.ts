import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { parseSourceCredentials } from '#shared/kernel/source-credentials-document.ts';
import { SOURCES } from '#shared/kernel/sources.ts';
import type { HealthCheck } from './check-health.service.ts';

/** A source whose entry in the credentials secret is malformed: its webhook answers 503. */
export class SourceDisabledError extends Error {
  override name = 'SourceDisabledError';
}

/**
 * One health component per ticket system, `source:<name>`: unhealthy when its entry in
 * the credentials secret is malformed (the intake disabled it), healthy when it is valid
 * or absent (a source not connected is no fault). The secret is read once per report
 * (Powertools Parameters caches it for a minute) and its values are never reported.
 */
export const sourceCredentialChecks = (secretId: string): Record<string, HealthCheck> => {
  const entries = async () =>
    parseSourceCredentials(
      await getSecret(secretId, { maxAge: 60, transform: 'json' }).catch((error: unknown) => {
        if (error instanceof Error && error.name === 'TransformParameterError') return undefined;
        throw error;
      })
    );
  return Object.fromEntries(
    SOURCES.map((source) => [
      `source:${source}`,
      async () => {
        const entry = (await entries())[source];
        if (entry.status === 'disabled') throw new SourceDisabledError(source);
        return entry.status;
      },
    ])
  );
};
