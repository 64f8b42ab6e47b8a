import type { CanonicalEvent } from '../canonical-event.schema.ts';
import { standardWebhookSigned } from '../webhook-signature.ts';
import { deliveryIdFromHeader } from './delivery-id.ts';
import { readPath } from './field-paths.ts';
import { signedOrBearer } from './signed-or-bearer.ts';
import type { SourceAdapter } from './source-adapter.ts';

type EventType = CanonicalEvent['eventType'];

export type EnvelopeStep =
  | { readonly kind: 'step'; readonly eventType: EventType; readonly state: string }
  | { readonly kind: 'ignored'; readonly reason: string };

/**
 * The lifecycle step of a payload our own sender scripts build (Naumen, ServiceNow):
 * `{ type, timestamp, data: { state, … } }`. The envelope's `type` when it has one, else
 * the state code's meaning, else none: ignored (answered 200, so the sender does not retry).
 */
export const envelopeStep = (
  payload: unknown,
  byState: Readonly<Record<string, EventType>>
): EnvelopeStep => {
  const state = String(readPath(payload, 'data.state'));
  const type = readPath(payload, 'type');
  const eventType =
    type === 'ticket.resolved' || type === 'ticket.closed' || type === 'ticket.reopened'
      ? type
      : byState[state];
  return eventType
    ? { kind: 'step', eventType, state }
    : { kind: 'ignored', reason: `state ${state} is not a resolution or a reopening` };
};

/**
 * How our sender scripts deliver: signed the Standard Webhooks way (or, from a sender that
 * cannot sign, with the source's bearer token), `webhook-id` naming the delivery.
 */
export const scriptDelivery = {
  verify: signedOrBearer(
    (request, secrets) => standardWebhookSigned(request, secrets).signedContent
  ),
  deliveryIdOf: deliveryIdFromHeader('webhook-id'),
} satisfies Pick<SourceAdapter, 'verify' | 'deliveryIdOf'>;
