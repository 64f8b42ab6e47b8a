import { z } from 'zod';

/** Strict: an unknown parameter is a 400, not silently ignored. */
export const surveysQuerySchema = z.strictObject({
  ticketId: z.string().min(1).max(200),
  source: z.string().min(1).max(50).optional(),
});
