import { z } from 'zod';
import { brandingSettingsSchema } from './branding-settings.ts';
import { followUpSettingsSchema } from './follow-up-settings.ts';
import { sourceSettingsSchema } from './source-settings.ts';
import { surveySettingsSchema } from './survey-settings.ts';

/**
 * The CSI loop's settings, one JSON document in the CSI_SETTINGS variable (CDK context
 * `csiSettings`, locally OTKLIK_CSI_SETTINGS): the survey's, the follow-up's and the
 * sources' sections, each in its own file.
 */
const { sendDelay, reminderAfter, expireAfterReminder, ...audience } = surveySettingsSchema.shape;
const { followUpThreshold, followUp } = followUpSettingsSchema.shape;

// The keys in the order the document has always had: the CDK and the local runtime write
// the parsed document into every function's CSI_SETTINGS, and another order would change
// each function's environment (and redeploy it) with nothing else changed.
export const csiSettingsSchema = z.object({
  sendDelay,
  reminderAfter,
  expireAfterReminder,
  followUpThreshold,
  ...audience,
  ...sourceSettingsSchema.shape,
  followUp,
  ...brandingSettingsSchema.shape,
});
export type CsiSettings = z.infer<typeof csiSettingsSchema>;

export const parseCsiSettings = (json: string | undefined): CsiSettings =>
  csiSettingsSchema.parse(json ? (JSON.parse(json) as unknown) : {});
