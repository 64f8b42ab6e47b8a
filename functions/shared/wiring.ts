import { z } from 'zod';
import { documentClient } from './data/dynamodb-client.ts';
import { sesClient } from './mail/ses-client.ts';
import { sfnClient } from './workflow/sfn-client.ts';
import { parseCsiSettings } from './settings/csi-settings.ts';
import type { Store } from './data/store.ts';
import { baseEnvSchema, emailEnvSchema, readEnv, tableEnvSchema } from './env.ts';
import type { MailDeps } from './mail/send-mail.ts';

/**
 * Cold-start wiring: each handler module calls these at module scope, so a missing
 * variable fails the first invocation with its name, and clients are made once.
 */
export const now = (): Date => new Date();

export const storeFromEnv = (): Store & { now: () => Date } => {
  const env = readEnv(baseEnvSchema.extend(tableEnvSchema.shape));
  return { db: documentClient, tableName: env.TABLE_NAME, now };
};

export const mailFromEnv = (): MailDeps => {
  const env = readEnv(emailEnvSchema);
  return {
    ses: sesClient,
    from: env.SENDER_ADDRESS,
    configurationSetName: env.CONFIGURATION_SET_NAME,
  };
};

export const publicBaseUrlFromEnv = (): string =>
  readEnv(z.object({ PUBLIC_BASE_URL: z.url() })).PUBLIC_BASE_URL.replace(/\/+$/, '');

export const csiSettingsFromEnv = () =>
  parseCsiSettings(readEnv(z.object({ CSI_SETTINGS: z.string().optional() })).CSI_SETTINGS);

export const stateMachineArnFromEnv = (
  variable: 'CSI_SURVEY_STATE_MACHINE_ARN' | 'FOLLOW_UP_CASE_STATE_MACHINE_ARN'
): string => readEnv(z.object({ [variable]: z.string().min(1) }))[variable] ?? '';

export { sfnClient };
