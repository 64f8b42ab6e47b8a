import { z } from 'zod';

export const TOKEN_KINDS = ['rating', 'unsubscribe', 'case'] as const;

/**
 * Who a case link was mailed to: the case's owner or its escalation contact, by the hash of
 * the address (the address itself stays on the case only). An owner link also carries the
 * case's owner generation when it was mailed, so the next assignment revokes it.
 */
export const caseLinkHolderSchema = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('owner'),
    emailHash: z.string(),
    generation: z.number().int().nonnegative(),
  }),
  z.object({ role: z.literal('escalation'), emailHash: z.string() }),
]);
export type CaseLinkHolder = z.infer<typeof caseLinkHolderSchema>;

/** What a link token opens, and until when: stored under the token's hash, never the token. */
export const tokenSchema = z.object({
  kind: z.enum(TOKEN_KINDS),
  subjectId: z.string(),
  /** ISO time after which the link answers 410. */
  validUntil: z.string(),
  /**
   * A survey mail's token opens both of its links: the rating link (`kind` rating, until
   * `validUntil`) and the opt-out link, until this later time. One item a mail instead of
   * one a link (issue 8); tokens issued before have none and open their own kind only.
   */
  unsubscribeUntil: z.string().optional(),
  /** Case links only; a case link issued before holders were recorded has none. */
  holder: caseLinkHolderSchema.optional(),
});
export type TokenRecord = z.infer<typeof tokenSchema>;
