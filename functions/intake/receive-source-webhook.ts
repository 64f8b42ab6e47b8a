/**
 * POST /v1/webhooks/{source} (public; each source authenticates its own way): Naumen and
 * ServiceNow sign with Standard Webhooks, Jira with X-Hub-Signature, Zendesk with its own
 * HMAC, and a sender that cannot sign may use its source's bearer token. The native payload
 * is checked with its source's schema, mapped to the canonical event (field maps
 * overridable per installation), and taken like the generic webhook's. Every rejection
 * (401, 413, 415, 400) happens before anything is written; events that are no resolution
 * or reopening answer 200 `ignored`, so senders do not retry them.
 */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { readEnv } from '#shared/env.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { sourceCredentials } from '#functions/intake/source-credentials.ts';
import { now } from '#shared/kernel/clock.ts';
import { canonicalEventSchema } from './canonical-event.schema.ts';
import { describeIssues } from '#shared/http/zod-issues.ts';
import { ingestDepsFromEnv } from './ingest-deps.ts';
import { ingestTicketEvent } from './ingest-ticket-event.service.ts';
import { adapters } from './sources/adapters.ts';
import { fieldsFor, isSource } from './sources/source-adapter.ts';
import {
  verifyBearer,
  verifyJiraSignature,
  verifyZendeskSignature,
} from './sources/source-signatures.ts';
import { InvalidSourceTimeError } from './sources/source-time.ts';
import { InvalidSignatureError, verifyStandardWebhook } from './webhook-signature.ts';
import {
  isJsonContentType,
  MAX_WEBHOOK_BYTES,
  outcomeResponse,
  rawBodyOf,
} from './webhook-response.ts';

const env = readEnv(z.object({ SOURCE_CREDENTIALS_ID: z.string().min(1) }));
const deps = ingestDepsFromEnv();
const settings = deps.settings;

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const source = event.pathParameters?.source;
  if (!isSource(source))
    return jsonResponse(404, {
      message: 'unknown source; one of naumen, jira, zendesk, servicenow',
    });
  const adapter = adapters[source];
  const raw = rawBodyOf(event);
  if (Buffer.byteLength(raw, 'utf8') > MAX_WEBHOOK_BYTES)
    return jsonResponse(413, { message: 'payload larger than 256 KiB' });

  const credentials = (await sourceCredentials(env.SOURCE_CREDENTIALS_ID))[source];
  const headers = event.headers;
  try {
    if (!verifyBearer(credentials.bearerTokens, headers.authorization)) {
      if (credentials.secrets.length === 0)
        throw new InvalidSignatureError(`no secret set for ${source}`);
      if (adapter.auth === 'standard-webhooks')
        verifyStandardWebhook(credentials.secrets, raw, headers);
      else if (adapter.auth === 'jira-hmac')
        verifyJiraSignature(credentials.secrets, raw, headers['x-hub-signature']);
      else {
        verifyZendeskSignature(
          credentials.secrets,
          raw,
          headers['x-zendesk-webhook-signature-timestamp'],
          headers['x-zendesk-webhook-signature'],
          now()
        );
      }
    }
  } catch (error) {
    if (error instanceof InvalidSignatureError)
      return jsonResponse(401, { message: 'invalid or missing signature' });
    throw error;
  }

  if (!isJsonContentType(event))
    return jsonResponse(415, { message: 'the body must be JSON (content-type: application/json)' });
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return jsonResponse(415, { message: 'the body is not valid JSON' });
  }
  const native = adapter.schemaFor(body).safeParse(body);
  if (!native.success) {
    return jsonResponse(400, {
      message: `not a ${source} ticket event`,
      errors: describeIssues(native.error),
    });
  }
  const fields = fieldsFor(adapter, settings.sources[source]?.fields);
  let mapped;
  try {
    mapped = adapter.toCanonical(native.data, {
      fields,
      timeZone: settings.sources[source]?.timeZone ?? adapter.defaultTimeZone,
    });
  } catch (error) {
    if (error instanceof InvalidSourceTimeError)
      return jsonResponse(400, { message: error.message });
    throw error;
  }
  if (mapped.kind === 'ignored') return jsonResponse(200, { ignored: mapped.reason });
  const canonical = canonicalEventSchema.safeParse(mapped.event);
  if (!canonical.success) {
    // Name the native fields each missing or wrong value is read from.
    const errors = describeIssues(canonical.error).map((issue) => ({
      ...issue,
      from: fields[issue.path] ?? [],
    }));
    return jsonResponse(400, {
      message: `the ${source} payload lacks what a survey needs`,
      errors,
    });
  }
  // A sender with no delivery id (Jira Automation): the body's hash stands in for it. A
  // reopening gets no such stand-in: cancelling twice is harmless, and a second reopening
  // may well have the same body as the first.
  const delivered = headers[adapter.deliveryIdHeader];
  const bodyHash = createHash('sha256').update(raw).digest('hex');
  const deliveryId =
    delivered ??
    (canonical.data.eventType === 'ticket.reopened' ? `${bodyHash}-${now().getTime()}` : bodyHash);
  return outcomeResponse(await ingestTicketEvent(deps, source, deliveryId, canonical.data));
};

export const handler = httpHandler(lambdaHandler);
