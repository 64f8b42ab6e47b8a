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
  let seen: string | undefined;
  let settings: CsiSettings | undefined;
  const keeper = lastGoodKeeper((problems) => {
    logger.error(`settings file ${path} refused; the last good settings stay`, { problems });
  });
  return {
    current: async () => {
      const info = await stat(path).catch(() => undefined);
      if (!info) return keeper.refuse([`(settings): ${path} cannot be read`], path);
      const version = `${String(info.mtimeMs)}:${String(info.size)}`;
      if (version === seen && settings) return settings;
      seen = version;
      let document: unknown;
      try {
        document = JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        settings = keeper.refuse([`(settings): not JSON (${String(error)})`], path);
        return settings;
      }
      const checked = checkSettings(document);
      settings = checked.ok
        ? keeper.accept(checked.settings)
        : keeper.refuse(checked.problems, path);
      return settings;
    },
  };
};
