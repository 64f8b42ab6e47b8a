import type { Language } from '../kernel/language.ts';
import { localTimeWithZone } from '../kernel/local-time.ts';

const UNITS: readonly (readonly [Intl.RelativeTimeFormatUnit, number])[] = [
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

// One formatter a language for the Lambda's life: building one costs far more than using it.
const relativeFormats = new Map<Language, Intl.RelativeTimeFormat>();
const relativeFormat = (language: Language): Intl.RelativeTimeFormat => {
  let format = relativeFormats.get(language);
  if (!format) {
    format = new Intl.RelativeTimeFormat(language, { numeric: 'always' });
    relativeFormats.set(language, format);
  }
  return format;
};

/**
 * How long ago something happened, in the mail's language ("3 дня назад", "2 hours ago"):
 * the largest unit it has one of, rounded. A time in the future reads as now.
 */
export const timeAgo = (language: Language, at: Date, now: Date): string => {
  const seconds = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  const [unit, size] = UNITS.find(([, s]) => seconds >= s) ?? ['second', 1];
  return relativeFormat(language).format(-Math.round(seconds / size), unit);
};

/**
 * A time in the installation's time zone with the zone's name ("3 декабря 2026 г. в 18:00
 * (Москва)"), never as UTC: the reader's clock is the SSC's (shared/kernel/local-time.ts).
 */
export const formatDateTime = (language: Language, timeZone: string, iso: string): string =>
  localTimeWithZone(language, timeZone, iso, 'long');
