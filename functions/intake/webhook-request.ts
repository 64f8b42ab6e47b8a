import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { now } from '#shared/kernel/clock.ts';
import { WebhookRejectedError } from './webhook-rejection.ts';

/** Webhook bodies are capped at 256 KiB. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

/**
 * Delivery ids are capped at 256 characters: the id is part of the delivery record's key,
 * and a longer one (DynamoDB refuses keys over 2 KB) would fail the write with a 500.
 */
export const MAX_DELIVERY_ID_LENGTH = 256;

/**
 * The delivery id a sender named in `header`, or a 400 for one over the cap: the sender's
 * own bad input, so never a 5xx it would retry forever.
 */
export const cappedDeliveryId = (header: string, id: string): string => {
  if (id.length > MAX_DELIVERY_ID_LENGTH)
    throw new WebhookRejectedError(
      400,
      `the delivery id (${header}) is longer than ${String(MAX_DELIVERY_ID_LENGTH)} characters`
    );
  return id;
};

/** What a webhook's checks read, taken once from the API Gateway event. */
export interface WebhookRequest {
  /** The body exactly as sent (signatures are over these bytes). */
  readonly rawBody: string;
  /** Lower-cased by the HTTP stack's header normalizer. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Signature freshness and a reopening's stand-in delivery id are judged by it. */
  readonly receivedAt: Date;
}

/** A `+json` suffix (application/cloudevents+json) is JSON too; parameters may follow. */
const JSON_CONTENT_TYPE = /^application\/([a-z.+-]*\+)?json(\s*;|$)/i;

const rawBodyOf = (event: APIGatewayProxyEventV2): string =>
  event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');

/** The request, or a 413 for a body over the cap, before anything else reads it. */
export const webhookRequestOf = (event: APIGatewayProxyEventV2): WebhookRequest => {
  const rawBody = rawBodyOf(event);
  if (Buffer.byteLength(rawBody, 'utf8') > MAX_WEBHOOK_BYTES)
    throw new WebhookRejectedError(413, 'payload larger than 256 KiB');
  return { rawBody, headers: event.headers, receivedAt: now() };
};

/** The parsed body, or a 415 for another content type or a body that is not JSON. */
export const jsonBodyOf = (request: WebhookRequest): unknown => {
  if (!JSON_CONTENT_TYPE.test(request.headers['content-type'] ?? ''))
    throw new WebhookRejectedError(415, 'the body must be JSON (content-type: application/json)');
  try {
    const body: unknown = JSON.parse(request.rawBody);
    return body;
  } catch {
    throw new WebhookRejectedError(415, 'the body is not valid JSON');
  }
};
