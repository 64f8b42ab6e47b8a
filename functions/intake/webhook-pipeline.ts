import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { jsonResponse } from '#shared/http/json-response.ts';
import { parsedOrRejected, WebhookRejectedError } from './webhook-rejection.ts';
import { jsonBodyOf, webhookRequestOf, type WebhookRequest } from './webhook-request.ts';
import { InvalidSignatureError, type Verified } from './webhook-signature.ts';

/**
 * What differs between the intake's webhooks (generic, and one per ticket system); the
 * steps they share are `receiveWebhook`'s.
 */
export interface WebhookRoute<Auth extends Verified, Payload> {
  /**
   * Checks the sender on the raw request: throws InvalidSignatureError (401); names the
   * content the signature covers.
   */
  readonly authenticate: (request: WebhookRequest) => Promise<Auth>;
  /** The schema the JSON body must match (Jira: one of two, chosen by the body). */
  readonly schemaFor: (body: unknown) => z.ZodType<Payload>;
  /** The message of the 400 for a body that does not match it. */
  readonly invalidPayload: string;
  /**
   * Takes the checked payload and gives the answer (202 scheduled, 200 repeat/reopen/ignored);
   * `signedHash` (see signedContentHash) dedupes the delivery with its delivery id.
   */
  readonly accept: (
    payload: Payload,
    request: WebhookRequest,
    auth: Auth,
    signedHash: string | undefined
  ) => Promise<APIGatewayProxyStructuredResultV2>;
}

/**
 * The one request pipeline of the webhooks, in an order the senders' retry rules rely on;
 * every rejection comes before anything is written:
 * 1. a body over 256 KiB: 413;
 * 2. the signature (or the credentials) of the sender: 401, with no detail;
 * 3. the content type, then the JSON: 415;
 * 4. the route's schema: 400 naming each issue (#shared/kernel/zod-issues.ts);
 * 5. the route's own answer: 202 scheduled, 200 for a repeat delivery, a reopening or an
 *    event that is no resolution. A repeat is known by its delivery id or by the hash of
 *    its signed content: a captured signed event re-sent under a new (unsigned) delivery id
 *    is still a repeat (Jira signs only the body, Zendesk not its invocation id).
 * Rejections (WebhookRejectedError, also from a route's `accept`) are answered here; any
 * other error is ours and reaches the HTTP stack's error handler: 500 with no detail.
 *
 * Hand-rolled inside the middy stack of httpHandler (which does the logging, the header
 * normalisation, the security headers and the 500s), because the libraries at hand do
 * these steps differently from what senders are told (docs/integrations/):
 * - @middy/http-json-body-parser would run before the signature check (401 must come
 *   first), replaces the raw body the signature is over, answers its 415s in text/plain
 *   with other words, and is stricter about the content type (case, spaces before `;`);
 * - the Powertools parser middleware validates the whole event before the signature, has
 *   no schema chosen by the body (Jira's two shapes), and throws a ParseError where the
 *   answer must name the issues; zod itself does the validating here;
 * - no middy middleware caps a body's size (a byte count);
 * - a repeat delivery is the intake service's conditional write, not Powertools
 *   idempotency, whose record would change what is written.
 */
export const receiveWebhook = async <Auth extends Verified, Payload>(
  event: APIGatewayProxyEventV2,
  route: WebhookRoute<Auth, Payload>
): Promise<APIGatewayProxyStructuredResultV2> => {
  try {
    const request = webhookRequestOf(event);
    const auth = await authenticated(route, request);
    const body = jsonBodyOf(request);
    const payload = parsedOrRejected(route.schemaFor(body), body, route.invalidPayload);
    return await route.accept(payload, request, auth, signedContentHash(auth));
  } catch (error) {
    if (error instanceof WebhookRejectedError) return jsonResponse(error.statusCode, error.body);
    throw error;
  }
};

/** SHA-256 (hex) of what the sender signed; none for a delivery that signs nothing. */
export const signedContentHash = ({ signedContent }: Verified): string | undefined =>
  signedContent === undefined
    ? undefined
    : createHash('sha256').update(signedContent, 'utf8').digest('hex');

const authenticated = async <Auth extends Verified, Payload>(
  route: WebhookRoute<Auth, Payload>,
  request: WebhookRequest
): Promise<Auth> => {
  try {
    return await route.authenticate(request);
  } catch (error) {
    if (error instanceof InvalidSignatureError)
      throw new WebhookRejectedError(401, 'invalid or missing signature');
    throw error;
  }
};
