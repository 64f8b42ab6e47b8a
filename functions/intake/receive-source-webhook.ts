/**
 * POST /v1/webhooks/{source} (public; each source authenticates its own way): Naumen and
 * ServiceNow sign with Standard Webhooks, Jira with X-Hub-Signature, Zendesk with its own
 * HMAC, and a sender that cannot sign may use its source's bearer token. The native payload
 * is checked with its source's schema, mapped to the canonical event (field maps
 * overridable per installation), and taken like the generic webhook's. Every rejection
 * (401, 413, 415, 400) happens before anything is written; events that are no resolution
 * or reopening answer 200 `ignored`, so senders do not retry them. The steps are the
 * shared webhook pipeline's; each source's part is its adapter's (sources/*-adapter.ts).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { readEnv } from '#shared/env.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { isSource, SOURCES } from '#shared/kernel/sources.ts';
import { ingestDepsFromEnv } from './ingest-deps.ts';
import { sourceCredentials } from './source-credentials.ts';
import { sourceWebhookRoute } from './source-webhook-route.ts';
import { adapters } from './sources/adapters.ts';
import { receiveWebhook } from './webhook-pipeline.ts';

const env = readEnv(z.object({ SOURCE_CREDENTIALS_ID: z.string().min(1) }));
const ingest = ingestDepsFromEnv();
const credentials = () => sourceCredentials(env.SOURCE_CREDENTIALS_ID);

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const source = event.pathParameters?.source;
  if (!isSource(source))
    return jsonResponse(404, { message: `unknown source; one of ${SOURCES.join(', ')}` });
  return receiveWebhook(event, sourceWebhookRoute(adapters[source], { ingest, credentials }));
};

export const handler = httpHandler(lambdaHandler);
