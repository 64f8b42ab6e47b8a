/**
 * POST /v1/webhooks/generic (public; authenticated by its Standard Webhooks signature).
 * Input: the canonical ticket event as JSON, ≤ 256 KiB. Side effects: a survey (202), or
 * nothing new for a repeat (200), or pending surveys cancelled on a reopen (200). Every
 * rejection (401, 413, 415, 400) happens before anything is written.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { readEnv } from '#shared/env.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { webhookSecrets } from '#functions/intake/secrets.ts';
import { canonicalEventSchema } from './canonical-event.schema.ts';
import { describeIssues } from '#shared/http/zod-issues.ts';
import { ingestDepsFromEnv } from './ingest-deps.ts';
import { ingestTicketEvent } from './ingest-ticket-event.service.ts';
import { InvalidSignatureError, verifyStandardWebhook } from './webhook-signature.ts';
import {
  isJsonContentType,
  MAX_WEBHOOK_BYTES,
  outcomeResponse,
  rawBodyOf,
} from './webhook-response.ts';

const env = readEnv(z.object({ WEBHOOK_SECRET_ID: z.string().min(1) }));
const deps = ingestDepsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const raw = rawBodyOf(event);
  if (Buffer.byteLength(raw, 'utf8') > MAX_WEBHOOK_BYTES) {
    return jsonResponse(413, { message: 'payload larger than 256 KiB' });
  }
  let webhookId: string;
  try {
    ({ webhookId } = verifyStandardWebhook(
      await webhookSecrets(env.WEBHOOK_SECRET_ID),
      raw,
      event.headers
    ));
  } catch (error) {
    if (error instanceof InvalidSignatureError)
      return jsonResponse(401, { message: 'invalid or missing signature' });
    throw error;
  }
  if (!isJsonContentType(event)) {
    return jsonResponse(415, { message: 'the body must be JSON (content-type: application/json)' });
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return jsonResponse(415, { message: 'the body is not valid JSON' });
  }
  const parsed = canonicalEventSchema.safeParse(body);
  if (!parsed.success) {
    return jsonResponse(400, {
      message: 'invalid ticket event',
      errors: describeIssues(parsed.error),
    });
  }
  return outcomeResponse(await ingestTicketEvent(deps, 'generic', webhookId, parsed.data));
};

export const handler = httpHandler(lambdaHandler);
