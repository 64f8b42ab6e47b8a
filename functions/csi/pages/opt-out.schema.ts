import { z } from 'zod';

/**
 * A POST to an opt-out link: the page's forms (`action`), a mail client's RFC 8058 one-click
 * (`List-Unsubscribe=One-Click`), the form of a page opened before `action` existed
 * (`confirm=yes`), an empty JSON request, or a one-click client's multipart body. Anything but
 * `resubscribe` opts out: RFC 8058 makes a POST to the link an opt-out, and the mail's
 * List-Unsubscribe header names it. An `action` it does not know is refused (400).
 */
export const optOutRequestSchema = z.union([
  z
    .looseObject({
      action: z.enum(['unsubscribe', 'resubscribe']).optional(),
      'List-Unsubscribe': z.literal('One-Click').optional(),
    })
    .transform((body) => ({
      action: body.action ?? ('unsubscribe' as const),
      oneClick: body['List-Unsubscribe'] === 'One-Click',
    })),
  // A body no parser read: RFC 8058 lets a one-click client send multipart/form-data, which
  // no page takes apart; its POST to the link is the opt-out all the same.
  z.string().transform(() => ({ action: 'unsubscribe' as const, oneClick: true })),
]);

/** `?view=` of the page a POST redirects to (and of "stay subscribed"); anything else is ignored. */
export const optOutQuerySchema = z.object({
  view: z.enum(['stay', 'resubscribed']).optional().catch(undefined),
});
