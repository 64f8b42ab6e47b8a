import { z } from 'zod';

/** The SES EmailTag that names a survey mail's send attempt (functions/shared/mail/send-mail.ts). */
const ATTEMPT_TAG = 'otklik-attempt';

/**
 * The EventBridge event SES publishes for a configuration set's Send: only what the
 * receipt needs. SES gives every tag as a list of values.
 */
export const sesSendEventSchema = z.object({
  source: z.literal('aws.ses'),
  'detail-type': z.string(),
  detail: z.object({
    eventType: z.literal('Send'),
    mail: z.object({
      messageId: z.string().min(1).max(256),
      timestamp: z.string(),
      tags: z.record(z.string(), z.array(z.string())).default({}),
    }),
  }),
});
export type SesSendEvent = z.infer<typeof sesSendEventSchema>;

/** An attempt id as the mail tasks mint them (URL-safe base64). */
const attemptIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);

/** The send attempt a Send event reports, if the mail was tagged with one (survey mail is). */
export const attemptOf = (event: SesSendEvent): string | undefined => {
  const parsed = attemptIdSchema.safeParse(event.detail.mail.tags[ATTEMPT_TAG]?.[0]);
  return parsed.success ? parsed.data : undefined;
};
