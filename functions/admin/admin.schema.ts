import { z } from 'zod';

const day = z.iso.date();

export const csiMetricsQuerySchema = z
  .object({
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

export const surveysQuerySchema = z.object({
  ticketId: z.string().min(1).max(200),
  source: z.string().min(1).max(50).optional(),
});

export const followUpsQuerySchema = z.object({
  status: z.enum(['open', 'overdue', 'resolved']).default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const followUpIdSchema = z.object({ id: z.string().regex(/^[a-f0-9]{32}$/) });
