import { z } from 'zod';
import { durationSeconds } from '../kernel/duration.ts';
import { durationSetting } from './duration-setting.ts';
import type { FollowUpSettings } from './follow-up-settings.ts';

/**
 * When a survey is sent, reminded and expired, and who is surveyed at all. Defaults follow
 * the SSC: every resolved ticket is surveyed.
 */
export const surveySettingsSchema = z.object({
  /** Time between the delivery of the resolution and the mail; a reopening within it stops the mail. */
  sendDelay: durationSetting.default('PT10M'),
  /** Time after the mail before the one reminder. */
  reminderAfter: durationSetting.default('P3D'),
  /** Time after the reminder before the survey expires; ratings (and changes) are taken until then. */
  expireAfterReminder: durationSetting.default('P4D'),
  /** Share of eligible tickets surveyed, 0–1. */
  samplingRate: z.number().min(0).max(1).default(1),
  /** Minimum time between two surveys to one person; PT0S for none. */
  coolDown: durationSetting.default('PT0S'),
  excludedServices: z.array(z.string()).default([]),
  excludedCategories: z.array(z.string()).default([]),
  defaultLocale: z.enum(['ru', 'en']).default('ru'),
  /** Resolution codes (case-insensitive) after which nobody is surveyed: cancelled, duplicate, rejected… */
  suppressedResolutions: z
    .array(z.string())
    .default([
      'cancelled',
      'canceled',
      'duplicate',
      'rejected',
      'declined',
      "won't do",
      'отменено',
      'отменена',
      'отклонено',
      'отклонена',
      'дубликат',
    ]),
});
export type SurveySettings = z.infer<typeof surveySettingsSchema>;

/**
 * The timers a CSI execution runs on, in seconds (Step Functions takes integers), with the
 * threshold its rating step compares against.
 */
export const csiTimers = (
  settings: Pick<SurveySettings, 'sendDelay' | 'reminderAfter' | 'expireAfterReminder'> &
    Pick<FollowUpSettings, 'followUpThreshold'>
) => ({
  sendDelaySeconds: durationSeconds(settings.sendDelay),
  // Callback timeouts must be at least 1 s.
  reminderAfterSeconds: Math.max(1, durationSeconds(settings.reminderAfter)),
  expireAfterReminderSeconds: Math.max(1, durationSeconds(settings.expireAfterReminder)),
  followUpThreshold: settings.followUpThreshold,
});
