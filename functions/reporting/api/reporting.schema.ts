import { z } from 'zod';

const day = z.iso.date();

/**
 * Strict: an unknown parameter is a 400. `team=` and `agent=` in particular: the
 * aggregates have no team or agent cut yet, and ignoring them would answer all-unit totals
 * as if they were the team's.
 */
export const csiMetricsQuerySchema = z
  .strictObject({
    from: day,
    to: day,
    businessUnit: z.string().min(1).optional(),
    service: z.string().min(1).optional(),
  })
  .refine((q) => q.from <= q.to, { error: 'from must not be after to', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86400000 <= 731, {
    error: 'at most two years at a time',
    path: ['to'],
  });
