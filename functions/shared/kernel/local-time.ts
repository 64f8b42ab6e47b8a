import type { Language } from './language.ts';

/**
 * Times as people read them: in the installation's time zone (settings `timeZone`, default
 * Europe/Moscow), in the reader's language, by `Intl`, never as UTC. Every page and mail that
 * shows a time goes through here, so they all read the same.
 *
 * English is en-GB (day first, 24-hour clock), as an SSC in Moscow writes it.
 */
const LOCALES: Readonly<Record<Language, string>> = { ru: 'ru-RU', en: 'en-GB' };

/**
 * How much of a time is shown: `medium` a short month and the time (the case page's
 * timeline, «12 мар. 2025 г., 03:00»), `long` the month in words (mail, the opt-out page,
 * «3 декабря 2026 г. в 18:00»), `date` the day alone («3 дек. 2026 г.»).
 */
export type TimeStyle = 'medium' | 'long' | 'date';

const OPTIONS: Readonly<Record<TimeStyle, Intl.DateTimeFormatOptions>> = {
  medium: { dateStyle: 'medium', timeStyle: 'short' },
  long: { dateStyle: 'long', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
};

// Building an Intl.DateTimeFormat costs far more than formatting with one (ICU loads the
// locale's patterns); a page shows a dozen times, a mail run thousands. A handful of
// languages × zones × styles, so the cache stays small for a Lambda's life.
const formats = new Map<string, Intl.DateTimeFormat>();

const formatOf = (
  language: Language,
  timeZone: string,
  key: string,
  options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat => {
  const cacheKey = `${language}|${timeZone}|${key}`;
  let format = formats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone });
    formats.set(cacheKey, format);
  }
  return format;
};

/** A time (ISO 8601) in the zone and language, e.g. «3 декабря 2026 г. в 18:00». */
export const localTime = (
  language: Language,
  timeZone: string,
  iso: string,
  style: TimeStyle = 'medium'
): string => formatOf(language, timeZone, style, OPTIONS[style]).format(new Date(iso));

/**
 * The zone's name as its readers know it («Москва», "Moscow Time"): shown beside a time that
 * someone elsewhere may read, so no one takes it for their own clock.
 */
export const zoneName = (language: Language, timeZone: string, iso: string): string | undefined =>
  formatOf(language, timeZone, 'zone', { timeZoneName: 'shortGeneric' })
    .formatToParts(new Date(iso))
    .find((part) => part.type === 'timeZoneName')?.value;

/** A time with its zone's name: «3 декабря 2026 г. в 18:00 (Москва)». */
export const localTimeWithZone = (
  language: Language,
  timeZone: string,
  iso: string,
  style: TimeStyle = 'long'
): string => {
  const when = localTime(language, timeZone, iso, style);
  const zone = zoneName(language, timeZone, iso);
  return zone ? `${when} (${zone})` : when;
};
