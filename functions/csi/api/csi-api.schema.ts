import { z } from 'zod';

export const surveysQuerySchema = z.object({
  ticketId: z.string().min(1).max(200),
  source: z.string().min(1).max(50).optional(),
});
