import { SESv2Client } from '@aws-sdk/client-sesv2';

/** Module-scope SES v2 client for reads (the health check); endpoint from AWS_ENDPOINT_URL_SESV2. */
export const sesClient = new SESv2Client({});

/** How long SendEmail may take before its outcome counts as unknown: under the 15 s of a mail task. */
export const SEND_TIMEOUT_MS = 8000;

/**
 * The client that sends mail. One attempt per call: the SDK's own retries would resend a
 * SendEmail whose answer was lost (a timeout, a reset connection), and SES may have taken
 * it; the workflow retries instead, after asking the mail receipts (send-mail.ts). A
 * request that hangs fails after SEND_TIMEOUT_MS rather than at the Lambda's deadline.
 */
export const sesSendClient = new SESv2Client({
  maxAttempts: 1,
  requestHandler: { requestTimeout: SEND_TIMEOUT_MS, throwOnRequestTimeout: true },
});
