import { issueLines } from '../kernel/zod-issues.ts';
import { csiSettingsSchema, type CsiSettings } from './csi-settings.ts';

/**
 * Where a function reads the installation's settings, once per invocation: AppConfig on
 * AWS (appconfig-settings-source.ts), a watched file locally (file-settings-source.ts).
 * Which one is configuration only (SETTINGS_SOURCE, settings-from-env.ts); the handlers
 * and use cases are the same code for both.
 */
export interface SettingsSource {
  /** The settings in force now: the latest good version, validated by csiSettingsSchema. */
  current(): Promise<CsiSettings>;
}

/** No good settings version is there to use (none was ever read, or the first is bad). */
export class SettingsUnavailableError extends Error {
  override name = 'SettingsUnavailableError';
}

/** A settings document checked against the one schema, with the reasons when it is refused. */
export const checkSettings = (
  document: unknown
): { ok: true; settings: CsiSettings } | { ok: false; problems: string[] } => {
  const parsed = csiSettingsSchema.safeParse(document);
  return parsed.success
    ? { ok: true, settings: parsed.data }
    : { ok: false, problems: issueLines(parsed.error, '(settings)') };
};

/**
 * Keeps the last good version: a refused version is reported once (by `refuse`) and the
 * one before it stays in force; with none before it, the read fails.
 */
export const lastGoodKeeper = (refuse: (problems: string[]) => void) => {
  let lastGood: CsiSettings | undefined;
  let lastRefused: string | undefined;
  return {
    accept(settings: CsiSettings): CsiSettings {
      lastGood = settings;
      lastRefused = undefined;
      return settings;
    },
    refuse(problems: string[], where: string): CsiSettings {
      const key = problems.join('; ');
      if (key !== lastRefused) refuse(problems);
      lastRefused = key;
      if (lastGood) return lastGood;
      throw new SettingsUnavailableError(`no good settings in ${where}: ${key}`);
    },
  };
};
