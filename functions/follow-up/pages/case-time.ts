import type { Language } from '#shared/kernel/language.ts';
import { localTime } from '#shared/kernel/local-time.ts';

/**
 * A time as the case page shows it: in the installation's time zone, in the page's
 * language, by `Intl` (e.g. «12 мар. 2025 г., 03:00»), never as UTC.
 */
export const caseTime = (iso: string, language: Language, timeZone: string): string =>
  localTime(language, timeZone, iso, 'medium');
