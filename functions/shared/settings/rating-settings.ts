import { z } from 'zod';
import { durationSetting } from './duration-setting.ts';

/**
 * How a click on a score link in the mail counts (docs/rating.md). A click never records a
 * confirmed rating; one that passes the scanner heuristics is a provisional score, promoted
 * to an inferred rating when the survey's wait ends with no confirmation. The defaults come
 * from what scanners were seen doing (../shared/reference/peers.md §2): a fetch 22 s after
 * the send, HEAD then GET, every link within seconds.
 */
export const ratingSettingsSchema = z.object({
  rating: z
    .object({
      /** `strict`: only confirmed answers count; `balanced`: inferred ones count too, reported apart. */
      policy: z.enum(['strict', 'balanced']).default('balanced'),
      /** A click this soon after its mail went (the invitation or the reminder) is a scanner's. */
      notBefore: durationSetting.default('PT60S'),
      /** A click this soon after a HEAD of the link is a scanner's (HEAD first, then GET). */
      afterHead: durationSetting.default('PT10S'),
      /** Clicks of `burstLinks` different scores within `burstWindow` are a scanner's. */
      burstWindow: durationSetting.default('PT10S'),
      burstLinks: z.number().int().min(2).max(5).default(3),
      /** A provisional score is promoted only once this long has passed with no other click. */
      quietPeriod: durationSetting.default('PT2M'),
      /** Whether an inferred score below the threshold opens a follow-up case. */
      inferredFollowUp: z.boolean().default(false),
    })
    .prefault({}),
});
export type RatingSettings = z.infer<typeof ratingSettingsSchema>['rating'];
