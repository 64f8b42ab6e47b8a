import { z } from 'zod';
import { readEnv } from '../env.ts';
import { appConfigSettingsSource } from './appconfig-settings-source.ts';
import { fileSettingsSource } from './file-settings-source.ts';
import type { SettingsSource } from './settings-source.ts';

/**
 * Where the settings are, in SETTINGS_SOURCE (set by lib/definitions/function-environment.ts
 * for the functions that declare `settings`):
 * `appconfig:<application>/<environment>/<profile>` on AWS (the ids of lib/constructs/
 * app-settings.ts), `file:<absolute path>` in the local runtime.
 */
const sourceSchema = z.union([
  z
    .string()
    .regex(/^appconfig:[^/]+\/[^/]+\/[^/]+$/)
    .transform((value) => {
      const [application = '', environment = '', profile = ''] = value
        .slice('appconfig:'.length)
        .split('/');
      return { kind: 'appconfig' as const, application, environment, profile };
    }),
  z
    .string()
    .regex(/^file:.+$/)
    .transform((value) => ({ kind: 'file' as const, path: value.slice('file:'.length) })),
]);

/** Builds the source at cold start; each invocation reads through it (`current()`). */
export const settingsFromEnv = (): SettingsSource => {
  const { SETTINGS_SOURCE: where } = readEnv(z.object({ SETTINGS_SOURCE: sourceSchema }));
  return where.kind === 'file' ? fileSettingsSource(where.path) : appConfigSettingsSource(where);
};
