import { z } from 'zod';
import { isTimeZone } from './source-settings.ts';

/**
 * A text every mail shows in its reader's language: one string for both, or one per
 * language. Read as `{ ru, en }` either way, so the mail code never falls back by itself.
 */
const localizedText = (max: number, defaults: { ru: string; en: string }) => {
  const text = z.string().trim().min(1).max(max);
  return z
    .union([
      text.transform((value) => ({ ru: value, en: value })),
      z.object({ ru: text, en: text }),
    ])
    .default(defaults);
};

/**
 * Who the mail comes from and how the SSC's staff read it: the `branding` section (name,
 * logo, sender name, signature, contact line of every mail), the SSC's own language (the
 * case owner's and the escalation mail, whatever the requester's language) and the time
 * zone every time in a mail is shown in.
 */
export const brandingSettingsSchema = z.object({
  branding: z
    .object({
      /** The SSC's name, at the head of every mail (and the logo's alternative text). */
      sscName: localizedText(120, {
        ru: 'Центр общего обслуживания',
        en: 'Shared Service Centre',
      }),
      /** An https image shown at the head of every mail instead of the name (≤ 200 px wide). */
      logoUrl: z.url({ protocol: /^https$/ }).optional(),
      /** The display name of the From header (the address is the stage's SENDER_ADDRESS). */
      senderName: localizedText(80, { ru: 'Служба качества ЦОО', en: 'SSC quality team' }),
      /** The closing lines of every mail; line breaks are kept. */
      signature: localizedText(500, {
        ru: 'С уважением,\nслужба качества Центра общего обслуживания',
        en: 'Kind regards,\nthe quality team of the Shared Service Centre',
      }),
      /** How a reader reaches a person, under the signature. */
      contact: localizedText(300, {
        ru: 'Остались вопросы? Обратитесь в службу поддержки ЦОО через портал самообслуживания.',
        en: 'Any questions? Contact the SSC service desk through the self-service portal.',
      }),
    })
    .prefault({}),
  /** The language of the mail and pages for the SSC's staff (case owner, escalation). */
  sscLanguage: z.enum(['ru', 'en']).default('ru'),
  /** The time zone of every time shown in a mail or page (IANA). */
  timeZone: z
    .string()
    .refine(isTimeZone, 'an IANA time zone such as Europe/Moscow')
    .default('Europe/Moscow'),
});
export type BrandingSettings = z.infer<typeof brandingSettingsSchema>;
export type Branding = BrandingSettings['branding'];
