import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { csiSettingsSchema, type CsiSettings } from '#shared/settings/csi-settings.ts';
import { issueLines } from '#shared/kernel/zod-issues.ts';

/**
 * The local runtime's settings file (`settings.json` in its data folder): what AppConfig
 * is on AWS. Every function that declares `settings` reads it at each invocation
 * (functions/shared/settings/file-settings-source.ts), so an edit takes effect at the next
 * survey without a restart; a bad edit is refused with a log line and the last good
 * settings stay.
 */
export const settingsFileOf = (dataDir: string): string => join(dataDir, 'settings.json');

export class InvalidLocalSettingsError extends Error {
  override name = 'InvalidLocalSettingsError';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `over` laid on `base`, object by object: a partial document (only the timers, one field
 * of `followUp`) keeps every other value of `base`. Arrays and scalars replace.
 */
export const mergeSettings = (base: unknown, over: unknown): unknown => {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = mergeSettings(base[key], value);
  return merged;
};

/**
 * The settings to start with: OTKLIK_CSI_SETTINGS (JSON, possibly partial) merged over
 * the local defaults, never over the AWS defaults it would otherwise fall back to.
 * @param what names the source in the error (the variable, a file)
 */
export const seedSettings = (
  defaults: unknown,
  overrides: string | undefined,
  what: string
): CsiSettings => {
  let over: unknown;
  try {
    over = overrides ? (JSON.parse(overrides) as unknown) : undefined;
  } catch {
    throw new InvalidLocalSettingsError(`${what} is not JSON`);
  }
  const parsed = csiSettingsSchema.safeParse(mergeSettings(defaults, over));
  if (!parsed.success)
    throw new InvalidLocalSettingsError(
      `${what} is not valid: ${issueLines(parsed.error, '(settings)').join('; ')}`
    );
  return parsed.data;
};

/**
 * Writes the settings the runtime starts with. An OTKLIK_CSI_SETTINGS given replaces the
 * file; without it, a file kept from an earlier run (and edited since) stays as it is.
 * @returns what was done, for the start-up log
 */
export const prepareSettingsFile = async (
  file: string,
  defaults: unknown,
  overrides: string | undefined
): Promise<'written' | 'kept'> => {
  if (overrides === undefined) {
    const kept = await readFile(file, 'utf8').catch(() => undefined);
    if (kept !== undefined) {
      // Checked now, so a file broken while the runtime was stopped fails the start clearly.
      seedSettings({}, kept, file);
      return 'kept';
    }
  }
  const settings = seedSettings(defaults, overrides, 'OTKLIK_CSI_SETTINGS');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(settings, null, 2)}\n`);
  return 'written';
};
