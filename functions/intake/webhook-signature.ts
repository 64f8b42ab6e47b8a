import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { WebhookRequest } from './webhook-request.ts';

/** Missing, wrong or stale signature: answered 401 with no detail. */
export class InvalidSignatureError extends Error {
  override name = 'InvalidSignatureError';
}

/**
 * What a sender's proof covers, exactly as it was checked: the same bytes give the same
 * hash, so a signed delivery re-sent under another delivery id is still known (issue 9,
 * defect 5). Undefined when nothing of the content is signed (a bearer token).
 */
export interface Verified {
  readonly signedContent: string | undefined;
}

/** Whole seconds since the epoch, in digits only (12 of them reach past the year 33000). */
const TIMESTAMP = /^[0-9]{1,12}$/;

/**
 * Verifies a Standard Webhooks v1 delivery with the `standardwebhooks` library: HMAC-SHA256
 * over `{id}.{timestamp}.{raw body}`, timestamp within ±5 minutes, any of several
 * space-separated signatures. Each of the active secrets is tried (two during rotation).
 * @param secrets active `whsec_…` secrets
 * @param rawBody the body exactly as received
 * @param headers lower-cased request headers
 */
export const verifyStandardWebhook = (
  secrets: readonly string[],
  rawBody: string,
  headers: Record<string, string | undefined>
): { webhookId: string; signedContent: string } => {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (!id || !timestamp || !signature) throw new InvalidSignatureError('missing webhook headers');
  // The library reads the timestamp with parseInt, which takes `1796110124.9` or
  // `1796110124abc` as the whole seconds they begin with; the spec's is digits only.
  if (!TIMESTAMP.test(timestamp)) throw new InvalidSignatureError('malformed webhook-timestamp');
  for (const secret of secrets) {
    try {
      // jsonParse off: the library would parse the body and throw on one that is not JSON;
      // the handler answers that case itself (415), after the signature holds.
      new Webhook(secret).verify(
        rawBody,
        { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature },
        { jsonParse: false }
      );
      return { webhookId: id, signedContent: `${id}.${timestamp}.${rawBody}` };
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
    }
  }
  throw new InvalidSignatureError('no signature matched');
};

/** The Standard Webhooks check of a whole request (the generic webhook, Naumen, ServiceNow). */
export const standardWebhookSigned = (
  request: WebhookRequest,
  secrets: readonly string[]
): { webhookId: string; signedContent: string } =>
  verifyStandardWebhook(secrets, request.rawBody, request.headers);
