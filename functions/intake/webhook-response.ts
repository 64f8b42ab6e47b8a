import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { jsonResponse } from '#shared/http/json-response.ts';
import type { IngestOutcome } from './ingest-ticket-event.service.ts';

/** Webhook bodies are capped at 256 KiB. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

/** The body exactly as sent (signatures are over these bytes). */
export const rawBodyOf = (event: APIGatewayProxyEventV2): string =>
  event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');

export const isJsonContentType = (event: APIGatewayProxyEventV2): boolean =>
  /^application\/([a-z.+-]*\+)?json(\s*;|$)/i.test(event.headers['content-type'] ?? '');

/** 202 for a new survey; 200 for a repeat (never 409: senders retry on it) or a reopen. */
export const outcomeResponse = (outcome: IngestOutcome) => {
  switch (outcome.kind) {
    case 'scheduled':
      return jsonResponse(202, { surveyId: outcome.surveyId, status: 'scheduled' });
    case 'duplicate':
      return jsonResponse(200, { duplicate: true, surveyId: outcome.surveyId });
    case 'cancelled':
      return jsonResponse(200, { cancelled: outcome.surveyIds });
  }
};
