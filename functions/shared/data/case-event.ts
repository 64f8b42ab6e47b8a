import { z } from 'zod';

/**
 * What happened to a case besides what its own fields say (opened, owner notified,
 * escalated, resolved): taken in progress, an internal note, a reassignment. One item each,
 * in the case's partition, so the case item never grows with its history.
 */
export const CASE_EVENT_KINDS = ['in-progress', 'note', 'reassigned'] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const caseEventSchema = z.object({
  followUpId: z.string(),
  eventId: z.string(),
  kind: z.enum(CASE_EVENT_KINDS),
  at: z.string(),
  /** Who: a link holder (`owner:<hash>`, `escalation:<hash>`) or an admin's identity. */
  by: z.string(),
  /** The note's text (internal: never mailed to the requester). */
  text: z.string().optional(),
  /** The new owner's name, of a reassignment (not the address: the page shows the timeline). */
  toName: z.string().optional(),
  /** The new owner's address hash, so what they do later is shown under their name. */
  toEmailHash: z.string().optional(),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;
