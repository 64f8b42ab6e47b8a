import { z } from 'zod';
import { emailEnvSchema, readEnv } from '../env.ts';
import type { MailDeps } from './send-mail.ts';
import { sesClient } from './ses-client.ts';

/** Cold-start wiring of the sender: only functions that declared mail import it (and the SES client). */
export const mailFromEnv = (): MailDeps => {
  const env = readEnv(emailEnvSchema);
  return {
    ses: sesClient,
    from: env.SENDER_ADDRESS,
    configurationSetName: env.CONFIGURATION_SET_NAME,
  };
};

/** The https origin of the links in mail (PUBLIC_BASE_URL), without a trailing slash. */
export const publicBaseUrlFromEnv = (): string =>
  readEnv(z.object({ PUBLIC_BASE_URL: z.url() })).PUBLIC_BASE_URL.replace(/\/+$/, '');
