import { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import ru from 'zod/v4/locales/ru.js';
import { durationSeconds, isDuration } from '#shared/kernel/duration.ts';
import type { Language } from '#shared/kernel/language.ts';
import type { AudiencePolicy } from './audience-rules.ts';
import { DEFAULT_CAMPAIGN_SCHEDULE, WEEKDAYS } from './campaign-schedule.ts';
import { DEFAULT_DETRACTOR_THRESHOLD, DEFAULT_MIN_N } from './nps-score.ts';

/**
 * The NPS campaign's settings (the `nps` section of the settings document), every key with
 * its default, so `{}` is a working configuration: the second Monday of the quarter at
 * 10:00, a reminder after 7 days, closed after 21, detractors 0–6, no NPS below 30 answers,
 * one survey invitation per person per 7 days, everyone asked (no sampling), 14 mails/s.
 *
 * The messages are in the reader's language: the checks of this file carry a word key
 * (`params.word`), and npsSettingsErrorMap turns it, and zod's own issues, into Russian or
 * English. Parsed without the map, a check of this file reads zod's "Invalid input".
 */
const words = {
  ru: {
    duration: 'Укажите длительность ISO-8601, например P7D или PT12H.',
    time: 'Укажите время в виде ЧЧ:ММ, например 10:00.',
    domain: 'Укажите домен адресов, например ssc.example.ru.',
    closeAfterReminder: 'Опрос должен закрываться позже напоминания (closeAfter > reminderAfter).',
  },
  en: {
    duration: 'Give an ISO-8601 duration, for example P7D or PT12H.',
    time: 'Give a time of day as HH:MM, for example 10:00.',
    domain: 'Give an address domain, for example ssc.example.ru.',
    closeAfterReminder: 'The survey must close after the reminder (closeAfter > reminderAfter).',
  },
} as const;
type Word = keyof (typeof words)['en'];
const isWord = (value: unknown): value is Word =>
  typeof value === 'string' && Object.hasOwn(words.en, value);
const says = (word: Word) => ({ params: { word } });

/** zod's error map for these settings in the language: this file's words, else zod's locale. */
export const npsSettingsErrorMap =
  (language: Language): z.core.$ZodErrorMap =>
  (issue) => {
    const word: unknown = issue.code === 'custom' ? issue.params?.['word'] : undefined;
    if (isWord(word)) return words[language][word];
    return (language === 'ru' ? ru() : en()).localeError(issue);
  };

// Checks by refine, not regex(): only a refinement carries `params` to the error map.
const DOMAIN = /^@?[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const duration = z.string().refine(isDuration, says('duration'));
const domain = z
  .string()
  .trim()
  .refine((text) => DOMAIN.test(text), says('domain'));
/** A target margin of error in NPS points, e.g. 5 for ±5. */
const margin = z.number().min(1).max(50);

export const npsSettingsSchema = z.object({
  nps: z
    .object({
      /** When the quarterly campaign starts, in the installation's time zone (`timeZone`). */
      schedule: z
        .object({
          /** The n-th such weekday of the quarter's first month, 1–4. */
          weekOfQuarter: z.literal([1, 2, 3, 4]).default(DEFAULT_CAMPAIGN_SCHEDULE.weekOfQuarter),
          weekday: z.enum(WEEKDAYS).default(DEFAULT_CAMPAIGN_SCHEDULE.weekday),
          time: z
            .string()
            .refine((text) => TIME.test(text), says('time'))
            .default(DEFAULT_CAMPAIGN_SCHEDULE.time),
        })
        .prefault({}),
      /** After a person's first mail, the one reminder to those who have not answered. */
      reminderAfter: duration.default('P7D'),
      /** After a person's first mail, the close: answers (and changes) are taken until then. */
      closeAfter: duration.default('P21D'),
      /** Scores up to this are detractors (0–6 by default); 9–10 are always promoters. */
      detractorThreshold: z.number().int().min(0).max(8).default(DEFAULT_DETRACTOR_THRESHOLD),
      /** Cuts with fewer answers show n and the response rate, no NPS. */
      minN: z.number().int().min(1).default(DEFAULT_MIN_N),
      /** One policy for CSI and NPS mail (contact-policy.ts). */
      contactPolicy: z
        .object({
          /** At most one survey invitation per person per this period; PT0S for none. */
          period: duration.default('P7D'),
          /** If set, the campaign leaves out people with a CSI mail this recent. */
          skipAfterCsiMail: duration.optional(),
        })
        .prefault({}),
      exclusions: z
        .object({
          /** Whether the agents seen on tickets count as SSC staff (left out). */
          agentsAreStaff: z.boolean().default(true),
          staffDomains: z.array(domain).default([]),
          staffAddresses: z.array(z.email()).default([]),
          /** Registered business unit ids whose people are not asked. */
          businessUnits: z.array(z.string().trim().min(1)).default([]),
        })
        .prefault({}),
      /**
       * Off by default (everyone is asked). With a target margin (points) for all units or
       * some, a unit's audience is a random sample of the size that margin needs at last
       * quarter's response rate (sample-size.ts).
       */
      sampling: z
        .object({
          targetMargin: margin.optional(),
          byBusinessUnit: z.record(z.string().min(1), margin).default({}),
        })
        .prefault({}),
      /** Mails per second for every kind of mail together (the SES account's maximum rate). */
      sendRate: z.number().positive().max(1000).default(14),
    })
    .refine(
      (nps) =>
        !isDuration(nps.reminderAfter) ||
        !isDuration(nps.closeAfter) ||
        durationSeconds(nps.closeAfter) > durationSeconds(nps.reminderAfter),
      { ...says('closeAfterReminder'), path: ['closeAfter'] }
    )
    .prefault({}),
});
export type NpsSettings = z.infer<typeof npsSettingsSchema>['nps'];

export type NpsSettingsResult =
  | { readonly ok: true; readonly settings: NpsSettings }
  | { readonly ok: false; readonly error: z.ZodError };

/** The `nps` section of a settings document (any other keys are the CSI loop's), in the reader's language. */
export const parseNpsSettings = (document: unknown, language: Language): NpsSettingsResult => {
  const result = npsSettingsSchema.safeParse(document ?? {}, {
    error: npsSettingsErrorMap(language),
  });
  return result.success
    ? { ok: true, settings: result.data.nps }
    : { ok: false, error: result.error };
};

/** The campaign's timers in seconds (Step Functions takes integers; at least 1 s). */
export const npsTimers = (settings: Pick<NpsSettings, 'reminderAfter' | 'closeAfter'>) => ({
  reminderAfterSeconds: Math.max(1, durationSeconds(settings.reminderAfter)),
  closeAfterSeconds: Math.max(1, durationSeconds(settings.closeAfter)),
});

export const contactPeriodSeconds = (settings: Pick<NpsSettings, 'contactPolicy'>): number =>
  durationSeconds(settings.contactPolicy.period);

/** The audience rules' policy from the settings and the agents the intake has seen. */
export const audiencePolicy = (
  settings: Pick<NpsSettings, 'exclusions' | 'contactPolicy'>,
  agentAddresses: Iterable<string>
): AudiencePolicy => {
  const skip = settings.contactPolicy.skipAfterCsiMail;
  return {
    agentAddresses: settings.exclusions.agentsAreStaff
      ? new Set([...agentAddresses].map((a) => a.trim().toLowerCase()))
      : new Set(),
    staffDomains: settings.exclusions.staffDomains,
    staffAddresses: settings.exclusions.staffAddresses,
    excludedBusinessUnits: settings.exclusions.businessUnits,
    skipAfterCsiMailSeconds: skip === undefined ? undefined : durationSeconds(skip),
  };
};

/** A unit's target margin (its own, else the general one); undefined: everyone is asked. */
export const targetMarginFor = (
  settings: Pick<NpsSettings, 'sampling'>,
  businessUnit: string
): number | undefined =>
  Object.hasOwn(settings.sampling.byBusinessUnit, businessUnit)
    ? settings.sampling.byBusinessUnit[businessUnit]
    : settings.sampling.targetMargin;
