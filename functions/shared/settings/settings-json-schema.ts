import { z } from 'zod';
import { csiSettingsSchema } from './csi-settings.ts';

/**
 * The settings schema as JSON Schema draft-04, for AppConfig's validator (which refuses a
 * version that breaks it before it can be deployed). Generated from the one zod schema, so
 * the two cannot drift; what JSON Schema cannot say (an ISO-8601 duration, an IANA time
 * zone, a source name as a key) the functions still check with zod, keeping the last good
 * version when one slips through (appconfig-settings-source.ts).
 */
export const settingsJsonSchema = (): string =>
  JSON.stringify(
    z.toJSONSchema(csiSettingsSchema, { target: 'draft-04', io: 'input', unrepresentable: 'any' })
  );
