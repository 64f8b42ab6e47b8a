import { z } from 'zod';

/** Task inputs the CSI workflow sends its Lambda functions (the ASL contract is untyped). */
const surveyId = z.string().regex(/^[a-f0-9]{32}$/);

export const timersSchema = z.object({
  sendDelaySeconds: z.number().int().min(0),
  reminderAfterSeconds: z.number().int().min(1),
  expireAfterReminderSeconds: z.number().int().min(1),
  followUpThreshold: z.number().int().min(1).max(6),
});

export const surveyTaskSchema = z.object({ surveyId });
export const sendSurveyEmailSchema = z.object({
  surveyId,
  kind: z.enum(['invitation', 'reminder']),
  timers: timersSchema,
});
export const awaitRatingSchema = z.object({ surveyId, taskToken: z.string().min(1).max(2048) });
export const closeSurveySchema = z.object({
  surveyId,
  outcome: z.enum(['expired', 'failed']),
  reason: z.string().max(256).optional(),
});
