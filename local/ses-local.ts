import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { FaultPlan, type FaultCounts } from './faults/fault-plan.ts';
import type { PartFaults } from './faults/fault-settings.ts';
import { seededRandom } from './faults/seeded-random.ts';
import { sendEventOf, type SesEventContext, type SesSendEvent } from './ses-events.ts';

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

export interface SesLocalOptions {
  /** Faults to inject into SendEmail calls (OTKLIK_FAULTS `ses`); none when absent. */
  readonly faults?: PartFaults | undefined;
  /** Seed of the fault draws (OTKLIK_FAULTS `seed`); a random run when absent. */
  readonly seed?: number | undefined;
  /** Called with the Send event of every SendEmail call SES v2 local accepted. */
  readonly onSend?: ((event: SesSendEvent) => void) | undefined;
  readonly events: SesEventContext;
}

export interface SesLocal {
  /** The server the SDK and the inbox's readers reach (OTKLIK_SES_PORT). */
  readonly server: Server;
  /** What the faults did so far (all zero without faults). */
  readonly faultCounts: () => FaultCounts;
  readonly stop: () => Promise<void>;
}

const SEND_EMAIL = /^\/v2\/email\/outbound-emails\/?(\?.*)?$/;

const readAll = (stream: NodeJS.ReadableStream): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    stream.on('error', reject);
  });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SES v2's answers to a throttled and to a failed call (REST-JSON: the type in a header). */
const FAULT_ANSWERS = {
  throttle: {
    status: 429,
    type: 'TooManyRequestsException',
    message: 'Maximum sending rate exceeded.',
  },
  '5xx': { status: 503, type: 'ServiceUnavailable', message: 'Service Unavailable' },
} as const;

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => {
      resolve();
    });
  });

/**
 * Starts SES v2 local: the SendEmail API, and the web inbox at / with the JSON store at
 * /store. The package listens on a free port of the host; a small front on `port` forwards
 * every call to it, so that what SES does around a call can happen here: the Send event of
 * an accepted mail (the package emits none), and, when set, the faults of OTKLIK_FAULTS on
 * SendEmail (the inbox and the store are never faulted).
 */
export const startSesLocal = async (
  host: string,
  port: number,
  options: SesLocalOptions
): Promise<SesLocal> => {
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify(localAccount);
  const inner = await sesModule.default({ host, port: 0 });
  if (!inner.listening) throw new PortInUseError(`SES v2 local cannot listen on ${host}`);
  const innerPort = (inner.address() as AddressInfo).port;
  const plan = options.faults
    ? new FaultPlan(
        options.faults,
        seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 31))
      )
    : undefined;

  const forward = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readAll(request);
    if (plan && request.method === 'GET' && request.url === '/_local/faults') {
      // What the faults did so far, for a run to report (only there when faults are set).
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(plan.counts));
      return;
    }
    const isSend = request.method === 'POST' && SEND_EMAIL.test(request.url ?? '');
    const decision = isSend && plan ? plan.next() : { kind: 'forward' as const, delayMs: 0 };
    if (decision.kind === 'reset') {
      request.socket.destroy();
      return;
    }
    if (decision.kind !== 'forward') {
      const answer = FAULT_ANSWERS[decision.kind];
      response.writeHead(answer.status, {
        'content-type': 'application/json',
        'x-amzn-errortype': answer.type,
      });
      response.end(JSON.stringify({ message: answer.message }));
      return;
    }
    const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
      const call = httpRequest(
        {
          host,
          port: innerPort,
          method: request.method,
          path: request.url,
          headers: { ...request.headers, host: `${host}:${String(innerPort)}` },
        },
        resolve
      );
      call.on('error', reject);
      call.end(body);
    });
    const answer = await readAll(upstream);
    const status = upstream.statusCode ?? 502;
    if (isSend && status === 200) {
      const event = sendEventOf(body.toString('utf8'), answer.toString('utf8'), options.events);
      if (event) options.onSend?.(event);
    }
    // The mail is in the inbox (and its Send event out) before the slow answer leaves.
    if (decision.delayMs > 0) await pause(decision.delayMs);
    if (response.destroyed) return;
    response.writeHead(status, upstream.headers);
    response.end(answer);
  };

  const server = createServer((request, response) => {
    forward(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(502).end();
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(
              `SES v2 local cannot listen on ${host}:${String(port)}: in use (set OTKLIK_SES_PORT)`
            )
          : error
      );
    });
    server.listen(port, host, () => {
      resolve();
    });
  });
  return {
    server,
    faultCounts: () => ({
      ...(plan?.counts ?? { throttle: 0, '5xx': 0, reset: 0, delayed: 0, forwarded: 0 }),
    }),
    stop: async () => {
      await closeServer(server);
      await closeServer(inner);
    },
  };
};

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}
