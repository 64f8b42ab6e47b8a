import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { WebhookRequest } from './webhook-request.ts';

/** Missing, wrong or stale signature: answered 401 with no detail. */
export class InvalidSignatureError extends Error {
  override name = 'InvalidSignatureError';
}

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
): { webhookId: string } => {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (!id || !timestamp || !signature) throw new InvalidSignatureError('missing webhook headers');
  for (const secret of secrets) {
    try {
      // jsonParse off: the library would parse the body and throw on one that is not JSON;
      // the handler answers that case itself (415), after the signature holds.
      new Webhook(secret).verify(
        rawBody,
        { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature },
        { jsonParse: false }
      );
      return { webhookId: id };
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
): { webhookId: string } => verifyStandardWebhook(secrets, request.rawBody, request.headers);
