import { z } from 'zod';
import { rawUnitSchema, unitIdField } from './unit-fields.ts';

export const FOLLOW_UP_STATUSES = ['open', 'overdue', 'resolved'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** A case still to be worked: its workflow waits, it can be assigned, escalated, resolved. */
export const UNRESOLVED: readonly FollowUpStatus[] = ['open', 'overdue'];

const ref = z.object({ id: z.string().optional(), name: z.string() });
const contact = z.object({ email: z.string(), name: z.string() });

/** A follow-up case: one per low rating, from opening to root cause and action. */
export const followUpSchema = z.object({
  followUpId: z.string(),
  surveyId: z.string(),
  ticketId: z.string(),
  ticketNumber: z.string(),
  title: z.string().optional(),
  requesterName: z.string().optional(),
  requesterEmail: z.string().nullable(),
  locale: z.enum(['ru', 'en']),
  score: z.number().int(),
  comment: z.string(),
  reasons: z.array(z.string()),
  /** The registered unit's id, or `unassigned` (docs/business-units.md). */
  businessUnit: unitIdField,
  /** The business unit as the ticket system sent it. */
  businessUnitRaw: rawUnitSchema.optional(),
  service: ref.optional(),
  team: ref.optional(),
  owner: contact,
  /**
   * How many times the case was assigned (none: 0). Owner links carry the generation they
   * were mailed in; an assignment counts it up, so every earlier owner link answers 410.
   */
  ownerGeneration: z.number().int().nonnegative().optional(),
  escalation: contact,
  status: z.enum(FOLLOW_UP_STATUSES),
  openedAt: z.string(),
  /** The last change: opening, escalation, assignment or resolution. */
  updatedAt: z.string(),
  dueAt: z.string(),
  escalatedAt: z.string().optional(),
  /** When the owner was mailed the case link; a resumed workflow notifies while it is missing. */
  ownerNotifiedAt: z.string().optional(),
  /** The score the case was opened with, when the person changed it since (score is the current one). */
  openingScore: z.number().int().optional(),
  /** When a changed rating lifted the score to the threshold or above: the case says so. */
  liftedAboveThresholdAt: z.string().optional(),
  /** The survey's `ratingRevision` the case's score is of: an older rating never overwrites it. */
  ratingRevision: z.number().int().positive().optional(),
  /** When its owner took it in progress (the case page's "in progress" step); it stays open or overdue. */
  inProgressAt: z.string().optional(),
  resolvedAt: z.string().optional(),
  resolvedBy: z.string().optional(),
  rootCause: z.string().optional(),
  correctiveAction: z.string().optional(),
  notifyRequester: z.boolean().optional(),
  messageToRequester: z.string().optional(),
  closingEmailSentAt: z.string().optional(),
  taskToken: z.string().optional(),
  aggregateDay: z.string(),
  aggregateDimension: z.string(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

/** What the admin API shows: everything but the task token. */
export const publicFollowUp = (f: FollowUp): Omit<FollowUp, 'taskToken'> => {
  const copy: Omit<FollowUp, 'taskToken'> & { taskToken?: string } = { ...f };
  delete copy.taskToken;
  return copy;
};
