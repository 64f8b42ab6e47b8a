import { createHash } from 'node:crypto';
import type { CanonicalEvent } from '../canonical-event.schema.ts';
import { cappedDeliveryId, type WebhookRequest } from '../webhook-request.ts';

/**
 * A source's delivery id, read from the header its sender puts it in. A sender with no
 * delivery id (Jira Automation): the body's hash stands in for it, so its retry is still a
 * repeat. A reopening gets no such stand-in: cancelling twice is harmless, and a second
 * reopening may well have the same body as the first. A named id over 256 characters
 * answers 400.
 */
export const deliveryIdFromHeader =
  (header: string) =>
  (request: WebhookRequest, event: CanonicalEvent): string => {
    const delivered = request.headers[header];
    if (delivered !== undefined) return cappedDeliveryId(header, delivered);
    const bodyHash = createHash('sha256').update(request.rawBody).digest('hex');
    return event.eventType === 'ticket.reopened'
      ? `${bodyHash}-${request.receivedAt.getTime()}`
      : bodyHash;
  };
