import { z } from 'zod';

/** Task inputs the CSI workflow sends its Lambda functions (the ASL contract is untyped). */
const surveyId = z.string().regex(/^[a-f0-9]{32}$/);

/** The execution input's waits (functions/shared/kernel/survey-waits.ts), in whole seconds. */
export const waitsSchema = z.object({
  untilReminderSeconds: z.number().int().min(1),
  untilCloseSeconds: z.number().int().min(1),
});

/** MailInvitationAndAwaitRating and MailReminderAndAwaitRating: the survey, its token, its waits. */
export const mailTaskSchema = z.object({
  surveyId,
  taskToken: z.string().min(1).max(2048),
  waits: waitsSchema,
});

export const closeSurveySchema = z.object({
  surveyId,
  outcome: z.enum(['expired', 'failed']),
  reason: z.string().max(256).optional(),
});
