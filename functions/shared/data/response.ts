import { z } from 'zod';
import { rawUnitSchema, unitIdField } from './unit-fields.ts';

/** The response to a survey: one per survey, replaced (with a new revision) while it is open. */
export const responseSchema = z.object({
  surveyId: z.string(),
  /** The survey's ticket (responses written before it was kept have none). */
  ticketNumber: z.string().optional(),
  /** The survey's registered unit, or `unassigned` (responses written before it have none). */
  businessUnit: unitIdField,
  businessUnitRaw: rawUnitSchema.optional(),
  score: z.number().int().min(1).max(5),
  reasons: z.array(z.string()),
  comment: z.string(),
  submittedAt: z.string(),
  /** Counts the changes; a change applies only on top of the revision it read. */
  revision: z.number().int(),
});
export type SurveyResponse = z.infer<typeof responseSchema>;
