import { z } from 'zod';

/**
 * A POST to an opt-out link: the page's forms (`action`), a mail client's RFC 8058 one-click
 * (`List-Unsubscribe=One-Click`), the form of a page opened before `action` existed
 * (`confirm=yes`), or an empty JSON request. Anything but `resubscribe` opts out: RFC 8058
 * makes a POST to the link an opt-out, and the mail's List-Unsubscribe header names it.
 */
export const optOutRequestSchema = z
  .looseObject({
    action: z.enum(['unsubscribe', 'resubscribe']).optional(),
    'List-Unsubscribe': z.literal('One-Click').optional(),
  })
  .transform((body) => ({
    action: body.action ?? 'unsubscribe',
    oneClick: body['List-Unsubscribe'] === 'One-Click',
  }));

/** `?view=` of the page a POST redirects to (and of "stay subscribed"); anything else is ignored. */
export const optOutQuerySchema = z.object({
  view: z.enum(['stay', 'resubscribed']).optional().catch(undefined),
});
