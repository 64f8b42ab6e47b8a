import { z } from 'zod';
import { FOLLOW_UP_STATUSES } from '#shared/data/follow-up.ts';

export const followUpsQuerySchema = z.object({
  status: z.enum(FOLLOW_UP_STATUSES).default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const followUpIdSchema = z.object({ id: z.string().regex(/^[a-f0-9]{32}$/) });
