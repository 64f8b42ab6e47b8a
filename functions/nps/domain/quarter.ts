import { z } from 'zod';
import type { Language } from '#shared/kernel/language.ts';
import { localTime } from '#shared/kernel/local-time.ts';
import { wallTimeOf, zonedInstant } from '#shared/kernel/zoned-time.ts';

/**
 * Calendar quarters as a campaign names them: `yyyy-Qn`, the quarter whose users are asked
 * (the campaign that starts in January 2027 asks about 2026-Q4). A quarter's bounds are
 * midnights of the installation's time zone (Europe/Moscow by default), not of UTC: a ticket
 * resolved at 01:00 Moscow time on 1 October belongs to Q4.
 */
export interface Quarter {
  readonly year: number;
  readonly quarter: 1 | 2 | 3 | 4;
}

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

const PATTERN = /^(\d{4})-Q([1-4])$/;
const QUARTERS: readonly Quarter['quarter'][] = [1, 2, 3, 4];

/** The quarter a `yyyy-Qn` text names, or undefined (also for year 0000). */
export const parseQuarter = (text: string): Quarter | undefined => {
  const match = PATTERN.exec(text);
  const year = Number(match?.[1]);
  const quarter = QUARTERS[Number(match?.[2]) - 1];
  return match && year >= 1 && quarter ? { year, quarter } : undefined;
};

export const quarterId = (q: Quarter): string => `${q.year}-Q${q.quarter}`;

const shift = (q: Quarter, by: number): Quarter => {
  const index = q.year * 4 + (q.quarter - 1) + by;
  return { year: Math.floor(index / 4), quarter: QUARTERS[index % 4] ?? 1 };
};
export const previousQuarter = (q: Quarter): Quarter => shift(q, -1);
export const nextQuarter = (q: Quarter): Quarter => shift(q, 1);

/** Negative, zero or positive as `a` is before, the same as or after `b`. */
export const compareQuarters = (a: Quarter, b: Quarter): number =>
  a.year * 4 + a.quarter - (b.year * 4 + b.quarter);

/** The quarter an instant falls in, by the calendar of the zone. */
export const quarterOf = (instant: Date, timeZone = DEFAULT_TIME_ZONE): Quarter => {
  const { year, month } = wallTimeOf(instant, timeZone);
  return { year, quarter: QUARTERS[Math.floor((month - 1) / 3)] ?? 1 };
};

/** The quarter a campaign starting at `startAt` asks about: the one before the start's. */
export const askedQuarter = (startAt: Date, timeZone = DEFAULT_TIME_ZONE): Quarter =>
  previousQuarter(quarterOf(startAt, timeZone));

/**
 * The quarter's first instant and the next quarter's first instant (exclusive end), as
 * ISO-8601 UTC: 2026-Q4 in Moscow is 2026-09-30T21:00:00.000Z … 2026-12-31T21:00:00.000Z.
 */
export const quarterBounds = (
  q: Quarter,
  timeZone = DEFAULT_TIME_ZONE
): { readonly start: string; readonly end: string } => {
  const startOf = (of: Quarter) =>
    zonedInstant(
      { year: of.year, month: (of.quarter - 1) * 3 + 1, day: 1, hour: 0, minute: 0 },
      timeZone
    );
  return { start: startOf(q).toISOString(), end: startOf(nextQuarter(q)).toISOString() };
};

/** Whether the quarter is over at `now` (its end is not after now). */
export const quarterHasEnded = (q: Quarter, now: Date, timeZone = DEFAULT_TIME_ZONE): boolean =>
  new Date(quarterBounds(q, timeZone).end) <= now;

const words = {
  ru: {
    format: 'Укажите квартал в виде ГГГГ-Qn, например 2026-Q4.',
    notEnded: (id: string, end: string) =>
      // The short date ends in «г.», which takes no second full stop.
      `Квартал ${id} ещё не закончился: опрос о нём можно начать с ${end}${end.endsWith('.') ? '' : '.'}`,
  },
  en: {
    format: 'Give the quarter as yyyy-Qn, for example 2026-Q4.',
    notEnded: (id: string, end: string) =>
      `Quarter ${id} has not ended yet: a survey about it can start from ${end}.`,
  },
} as const;

/**
 * A `yyyy-Qn` text to a Quarter, with the reader's language in its errors. Given a clock
 * (`now`), a quarter that has not ended is refused too: its users are not all known yet,
 * and a campaign about it would ask some before their service.
 */
export const quarterSchema = (options: {
  readonly language: Language;
  readonly now?: Date;
  readonly timeZone?: string;
}) => {
  const t = words[options.language];
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  return z.string({ error: t.format }).transform((text, context) => {
    const quarter = parseQuarter(text.trim());
    if (!quarter) {
      context.addIssue({ code: 'custom', message: t.format });
      return z.NEVER;
    }
    if (options.now && !quarterHasEnded(quarter, options.now, timeZone)) {
      const end = localTime(
        options.language,
        timeZone,
        quarterBounds(quarter, timeZone).end,
        'date'
      );
      context.addIssue({ code: 'custom', message: t.notEnded(quarterId(quarter), end) });
      return z.NEVER;
    }
    return quarter;
  });
};
