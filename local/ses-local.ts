import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { z } from 'zod';

// aws-ses-v2-local is CommonJS with the server as `exports.default`: load it through
// require so the one function is reached the same way under tsx, vitest and plain Node.
const require = createRequire(import.meta.url);
const sesModule = z
  .object({
    default: z.custom<(config: { host: string; port: number }) => Promise<Server>>(
      (v) => typeof v === 'function'
    ),
  })
  .parse(require('aws-ses-v2-local'));

/**
 * The account GetAccount describes. aws-ses-v2-local reads it from AWS_SES_ACCOUNT on
 * each call and answers 400 without it: this is a production-access account with
 * AWS's default sandbox-exit quotas.
 */
const localAccount = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'otklik local runtime',
    WebsiteURL: 'http://127.0.0.1',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
};

/** Starts SES v2 local: the SendEmail API, and the web inbox at / with the JSON store at /store. */
export const startSesLocal = async (host: string, port: number): Promise<Server> => {
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify(localAccount);
  const server = await sesModule.default({ host, port });
  // The package resolves even when listening failed (Express 5 hands the error to the
  // listen callback, which it ignores): check, and name the setting to change.
  if (!server.listening) {
    throw new PortInUseError(
      `SES v2 local cannot listen on ${host}:${port}: in use? (set OTKLIK_SES_PORT)`
    );
  }
  return server;
};

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}
