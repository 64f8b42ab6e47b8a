/**
 * POST /v1/webhooks/generic (public; authenticated by its Standard Webhooks signature).
 * Input: the canonical ticket event as JSON, ≤ 256 KiB. Side effects: a survey (202), or
 * nothing new for a repeat (200), or pending surveys cancelled on a reopen (200). Every
 * rejection (401, 413, 415, 400, also for a webhook-id over 256 characters) happens before
 * anything is written. The steps are the shared webhook pipeline's; this route adds the
 * secret, the schema and the delivery id.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { readEnv } from '#shared/env.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { canonicalEventSchema, type CanonicalEvent } from './canonical-event.schema.ts';
import { ingestDepsFromEnv } from './ingest-deps.ts';
import { ingestTicketEvent } from './ingest-ticket-event.service.ts';
import { webhookSecrets } from './secrets.ts';
import { receiveWebhook, type WebhookRoute } from './webhook-pipeline.ts';
import { outcomeResponse } from './webhook-response.ts';
import { cappedDeliveryId } from './webhook-request.ts';
import { standardWebhookSigned } from './webhook-signature.ts';

const env = readEnv(z.object({ WEBHOOK_SECRET_ID: z.string().min(1) }));
const deps = ingestDepsFromEnv();

const genericRoute: WebhookRoute<{ webhookId: string; signedContent: string }, CanonicalEvent> = {
  authenticate: async (request) =>
    standardWebhookSigned(request, await webhookSecrets(env.WEBHOOK_SECRET_ID)),
  schemaFor: () => canonicalEventSchema,
  invalidPayload: 'invalid ticket event',
  // The signed webhook-id is the delivery id: the same for each retry of the event. The
  // signed content begins with it, so the same signed content always comes with the same
  // delivery id, which the delivery record knows already: no record of its hash (issue 8).
  accept: async (event, _request, { webhookId }) =>
    outcomeResponse(
      await ingestTicketEvent(
        await deps(),
        'generic',
        cappedDeliveryId('webhook-id', webhookId),
        event
      )
    ),
};

export const lambdaHandler = (event: APIGatewayProxyEventV2) => receiveWebhook(event, genericRoute);

export const handler = httpHandler(lambdaHandler);
