import { z } from 'zod';

/** The response to a survey: one per survey, replaced (with a new revision) while it is open. */
export const responseSchema = z.object({
  surveyId: z.string(),
  /** The survey's ticket (responses written before it was kept have none). */
  ticketNumber: z.string().optional(),
  score: z.number().int().min(1).max(5),
  reasons: z.array(z.string()),
  comment: z.string(),
  submittedAt: z.string(),
  /** Counts the changes; a change applies only on top of the revision it read. */
  revision: z.number().int(),
});
export type SurveyResponse = z.infer<typeof responseSchema>;
