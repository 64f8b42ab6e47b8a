import { z } from 'zod';

export const TOKEN_KINDS = ['rating', 'unsubscribe', 'case'] as const;

/** What a link token opens, and until when: stored under the token's hash, never the token. */
export const tokenSchema = z.object({
  kind: z.enum(TOKEN_KINDS),
  subjectId: z.string(),
  /** ISO time after which the link answers 410. */
  validUntil: z.string(),
});
export type TokenRecord = z.infer<typeof tokenSchema>;
