import { z } from 'zod';

/**
 * What we keep of a person, keyed by a hash of their address (never the address): whether
 * they opted out, whether mail to them bounced, and when they were last surveyed.
 */
export const personSchema = z.object({
  optedOutAt: z.string().optional(),
  /** When an opt-out was last taken back (the opt-out page's "subscribe again"). */
  resubscribedAt: z.string().optional(),
  /**
   * Set by the deliverability work (a hard bounce or complaint, found by the mail's message
   * id); nothing writes it yet, but eligibility already honours it.
   */
  bouncedAt: z.string().optional(),
  /** The last survey slot taken, for the cool-down. */
  lastSurveyedAt: z.string().optional(),
});
export type Person = z.infer<typeof personSchema>;
