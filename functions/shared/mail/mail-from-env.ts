import { z } from 'zod';
import { emailEnvSchema, readEnv } from '../env.ts';
import type { MailDeps } from './send-mail.ts';
import { sesSendClient } from './ses-client.ts';

/** Cold-start wiring of the sender: only functions that declared mail import it (and the SES client). */
export const mailFromEnv = (): MailDeps => {
  const env = readEnv(emailEnvSchema);
  return {
    ses: sesSendClient,
    from: env.SENDER_ADDRESS,
    configurationSetName: env.CONFIGURATION_SET_NAME,
  };
};

/** The https origin of the links in mail (PUBLIC_BASE_URL), without a trailing slash. */
export const publicBaseUrlFromEnv = (): string =>
  readEnv(z.object({ PUBLIC_BASE_URL: z.url() })).PUBLIC_BASE_URL.replace(/\/+$/, '');

/**
 * How long a send attempt without a receipt may still have been taken by SES, in seconds
 * (MAIL_RECEIPT_WAIT_SECONDS, default 60): SES reports a Send within seconds, and until
 * the window has passed a retry does not mail again.
 */
export const mailReceiptWaitFromEnv = (): number =>
  readEnv(
    z.object({ MAIL_RECEIPT_WAIT_SECONDS: z.coerce.number().int().min(0).max(3600).default(60) })
  ).MAIL_RECEIPT_WAIT_SECONDS;
