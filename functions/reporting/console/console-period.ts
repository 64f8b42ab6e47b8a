import { z } from 'zod';

const day = z.iso.date();

/** `from`/`to` of the console's CSI page: both given, as dates, in order; or neither. */
export const consolePeriodSchema = z
  .object({ from: day.optional(), to: day.optional() })
  .refine((p) => (p.from === undefined) === (p.to === undefined), {
    error: 'from and to together',
  })
  .refine((p) => p.from === undefined || p.to === undefined || p.from <= p.to, {
    error: 'from after to',
  });

/**
 * The period the page shows when none is asked for: this quarter so far, by the calendar of
 * the installation's time zone (a committee reads quarters, and "today" is the SSC's day).
 */
export const thisQuarterSoFar = (now: Date, timeZone: string) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
  const [year = '1970', month = '01'] = today.split('-');
  const firstMonth = Math.floor((Number(month) - 1) / 3) * 3 + 1;
  return { from: `${year}-${String(firstMonth).padStart(2, '0')}-01`, to: today };
};
