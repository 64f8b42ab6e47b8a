import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidSignatureError } from '../webhook-signature.ts';

const equal = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Jira Cloud admin webhooks: `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`
 * (WebSub), keyed by the webhook's secret. Only the body is signed and it carries no
 * timestamp, so the delivery id (X-Atlassian-Webhook-Identifier) is not signed: a replay is
 * caught by the hash of the body (the signed content), kept a week like the delivery ids.
 * @returns the signed content (the body)
 */
export const verifyJiraSignature = (
  secrets: readonly string[],
  rawBody: string,
  header: string | undefined
): string => {
  const given = /^sha256=([a-f0-9]{64})$/i.exec(header?.trim() ?? '')?.[1]?.toLowerCase();
  if (!given) throw new InvalidSignatureError('missing X-Hub-Signature');
  if (
    !secrets.some((secret) =>
      equal(createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex'), given)
    )
  ) {
    throw new InvalidSignatureError('no signature matched');
  }
  return rawBody;
};

/**
 * Zendesk webhooks: `X-Zendesk-Webhook-Signature` = base64 HMAC-SHA256 over the
 * `X-Zendesk-Webhook-Signature-Timestamp` header followed by the raw body, keyed by the
 * webhook's signing secret as it is. The timestamp must be within 15 minutes: whether
 * Zendesk signs each retry afresh is not documented, so the window is wider than 5 minutes.
 * The invocation id is not signed: a replay within the window is caught by the signed content.
 * @returns the signed content (the timestamp header, then the body)
 */
export const verifyZendeskSignature = (
  secrets: readonly string[],
  rawBody: string,
  timestamp: string | undefined,
  signature: string | undefined,
  now: Date
): string => {
  if (!timestamp || !signature)
    throw new InvalidSignatureError('missing Zendesk signature headers');
  const at = Date.parse(timestamp);
  if (Number.isNaN(at) || Math.abs(now.getTime() - at) > 15 * 60 * 1000)
    throw new InvalidSignatureError('stale');
  if (
    !secrets.some((secret) =>
      equal(
        createHmac('sha256', secret)
          .update(timestamp + rawBody, 'utf8')
          .digest('base64'),
        signature.trim()
      )
    )
  ) {
    throw new InvalidSignatureError('no signature matched');
  }
  return timestamp + rawBody;
};

/** A static bearer token, for senders that cannot sign (Jira Data Center, Jira Automation). */
export const verifyBearer = (tokens: readonly string[], header: string | undefined): boolean => {
  const given = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '')?.[1];
  return given !== undefined && tokens.some((token) => token.length >= 32 && equal(token, given));
};
