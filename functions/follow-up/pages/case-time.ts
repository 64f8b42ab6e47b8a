import type { Language } from '#shared/kernel/language.ts';

const LOCALES: Readonly<Record<Language, string>> = { ru: 'ru-RU', en: 'en-GB' };

/**
 * A time as the case page shows it: in the installation's time zone, in the page's
 * language, by `Intl` (e.g. «12 мар. 2025 г., 03:00»), never as UTC.
 */
export const caseTime = (iso: string, language: Language, timeZone: string): string =>
  new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
