import { readFile, stat } from 'node:fs/promises';
import { logger } from '../powertools.ts';
import type { CsiSettings } from './csi-settings.ts';
import { checkSettings, lastGoodKeeper, type SettingsSource } from './settings-source.ts';

/**
 * The settings from a JSON file (the local runtime's `settings.json` in its data folder).
 * Each read compares the file's modification time and size with the last read's and reads
 * it again only when they changed, so an edit is in force at the next invocation without a
 * restart (a stat per invocation instead of fs.watch: nothing to miss between events, and
 * nothing to close). A bad edit is logged once, naming every problem, and the last good
 * settings stay.
 */
export const fileSettingsSource = (path: string): SettingsSource => {
  const keeper = lastGoodKeeper((problems) => {
    logger.error(`settings file ${path} refused; the last good settings stay`, { problems });
  });
  const load = async (): Promise<CsiSettings> => {
    let document: unknown;
    try {
      document = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      return keeper.refuse([`(settings): not JSON (${String(error)})`], path);
    }
    const checked = checkSettings(document);
    return checked.ok ? keeper.accept(checked.settings) : keeper.refuse(checked.problems, path);
  };
  // The read of a version is shared by every call that sees that version: concurrent
  // invocations right after an edit (two webhooks at once) all wait for the new settings,
  // instead of the second one getting the old ones while the first still reads the file
  // (that race gave one of two surveys created together the old timers).
  let loaded: { readonly version: string; readonly settings: Promise<CsiSettings> } | undefined;
  return {
    current: async () => {
      const info = await stat(path).catch(() => undefined);
      if (!info) return keeper.refuse([`(settings): ${path} cannot be read`], path);
      const version = `${String(info.mtimeMs)}:${String(info.size)}`;
      if (loaded?.version !== version) {
        const settings = load();
        loaded = { version, settings };
        // A read that failed outright (never a good version) is tried again by the next call.
        settings.catch(() => {
          if (loaded?.settings === settings) loaded = undefined;
        });
      }
      return loaded.settings;
    },
  };
};
