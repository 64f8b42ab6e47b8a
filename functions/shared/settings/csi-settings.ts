import { z } from 'zod';
import { accessSettingsSchema } from './access-settings.ts';
import { brandingSettingsSchema } from './branding-settings.ts';
import { followUpSettingsSchema } from './follow-up-settings.ts';
import { ratingSettingsSchema } from './rating-settings.ts';
import { sourceSettingsSchema } from './source-settings.ts';
import { surveySettingsSchema } from './survey-settings.ts';

/**
 * The CSI loop's settings, one JSON document read at each invocation through a settings
 * source (settings-source.ts): an AppConfig hosted configuration on AWS (first version
 * from CDK context `csiSettings`), the data folder's settings.json locally (seeded from
 * OTKLIK_CSI_SETTINGS). The survey's, the follow-up's and the sources' sections, each in
 * its own file.
 */
const { sendDelay, reminderAfter, expireAfterReminder, ...audience } = surveySettingsSchema.shape;
const { followUpThreshold, followUp } = followUpSettingsSchema.shape;

// The keys in the order the document has always had: the CDK writes the parsed document
// as the first AppConfig version, and another order would make a new version (and a
// deployment) with nothing else changed.
export const csiSettingsSchema = z.object({
  sendDelay,
  reminderAfter,
  expireAfterReminder,
  followUpThreshold,
  ...audience,
  ...sourceSettingsSchema.shape,
  followUp,
  ...brandingSettingsSchema.shape,
  // Last: a new key at the end leaves the earlier ones' order (and the first version) as it was.
  ...ratingSettingsSchema.shape,
  ...accessSettingsSchema.shape,
});
export type CsiSettings = z.infer<typeof csiSettingsSchema>;

export const parseCsiSettings = (json: string | undefined): CsiSettings =>
  csiSettingsSchema.parse(json ? (JSON.parse(json) as unknown) : {});
