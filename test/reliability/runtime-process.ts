import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '#lib/config/paths.ts';
import { freePort } from '../helpers/free-port.ts';
import { SOURCE_SECRETS } from '../integration/integration-credentials.ts';

/**
 * The local runtime as `npm start` runs it (local/start.ts), in a child process of its own
 * process group, so a test can `kill -9` it (DynamoDB Local's Java process with it, as a
 * power cut would) and start it again on the same data. Every line it writes to stdout and
 * stderr is kept, for the log scan (R7).
 */
export const RELIABILITY_ADMIN_TOKEN = 'reliability-admin-token-0123456789';
export const RELIABILITY_WEBHOOK_SECRET = 'whsec_UmVsaWFiaWxpdHlTdWl0ZVNlY3JldDAxMjM0NQ==';

export interface RuntimeProcessOptions {
  /** CSI settings (functions/shared/settings/csi-settings.ts). */
  readonly csiSettings: object;
  /** OTKLIK_FAULTS, as an object. */
  readonly faults?: object;
  readonly schedules?: boolean;
  /** A data folder to start on (a restart); a fresh temporary one when absent. */
  readonly dataDir?: string;
  readonly env?: Record<string, string>;
}

export interface RuntimeProcess {
  readonly apiUrl: string;
  /** The local OIDC provider and its machine client (docs/sign-in.md). */
  readonly oidc: {
    readonly issuer: string;
    readonly machineClient: { id: string; secret: string };
  };
  readonly inboxUrl: string;
  readonly dynamoDbUrl: string;
  readonly sfnUrl: string;
  readonly schedulerUrl: string;
  readonly region: string;
  readonly tableName: string;
  readonly adminToken: string;
  readonly webhookSecret: string;
  readonly dataDir: string;
  readonly logFile: string;
  /** Every line the process wrote so far (stdout and stderr). */
  readonly lines: () => readonly string[];
  /** SIGKILL to the whole process group: the runtime and DynamoDB Local, no clean-up. */
  readonly kill9: () => Promise<void>;
  /** SIGTERM, as Ctrl-C: every part stops. */
  readonly stop: () => Promise<void>;
}

const READY = 'otklik is running locally';
const START_TIMEOUT_MS = 150_000;

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else
      child.once('exit', () => {
        resolve();
      });
  });

/**
 * Starts the runtime; on a busy machine DynamoDB Local can miss the runtime's 30 s start
 * deadline, and a free port picked for a part can be taken (by any process's outgoing
 * connection) before that part listens on it: a start that fails either way is tried
 * again on the same data, with new ports.
 */
export const startRuntimeProcess = async (
  options: RuntimeProcessOptions
): Promise<RuntimeProcess> => {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'otklik-reliability-')));
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce({ ...options, dataDir });
    } catch (error) {
      const slow = error instanceof Error && error.message.includes('did not answer');
      const portTaken = error instanceof Error && error.message.includes('is in use');
      if (!(slow || portTaken) || attempt >= 3) throw error;
    }
  }
};

const startOnce = async (options: RuntimeProcessOptions): Promise<RuntimeProcess> => {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'otklik-reliability-')));
  await mkdir(dataDir, { recursive: true });
  // The ticket systems' secrets the tests sign with (the runtime keeps the stored ones).
  await writeFile(
    join(dataDir, 'credentials.json'),
    JSON.stringify({
      webhookSecret: RELIABILITY_WEBHOOK_SECRET,
      adminToken: RELIABILITY_ADMIN_TOKEN,
      sources: SOURCE_SECRETS,
    })
  );
  const host = '127.0.0.1';
  const [api, dynamo, ses, sfn, oidc] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const region = 'eu-central-1';
  const logFile = join(dataDir, 'runtime.log');
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    OTKLIK_HOST: host,
    OTKLIK_API_PORT: String(api),
    OTKLIK_DYNAMODB_PORT: String(dynamo),
    OTKLIK_SES_PORT: String(ses),
    OTKLIK_SFN_PORT: String(sfn),
    OTKLIK_OIDC_PORT: String(oidc),
    OTKLIK_DATA_DIR: dataDir,
    OTKLIK_SCHEDULES: options.schedules ? 'on' : 'off',
    // No seeded units: their quality owners would take the cases the suite's settings route
    // to the default owner it waits for.
    OTKLIK_SEED: 'off',
    OTKLIK_CSI_SETTINGS: JSON.stringify(options.csiSettings),
    AWS_REGION: region,
    // What an operator would run with: the handlers' INFO lines are part of the scan.
    POWERTOOLS_LOG_LEVEL: 'INFO',
    RECONCILE_GRACE_SECONDS: '0',
    // A send without an answer is sent again after 20 s without a receipt (default 60 s):
    // SES local reports a Send within a second, and the fault proxy delays only the answer
    // (at most 12 s), never the call, so 20 s still covers every receipt that will come.
    MAIL_RECEIPT_WAIT_SECONDS: '20',
    // The suite shares a 2-core machine: DynamoDB Local may take longer than its usual 30 s.
    OTKLIK_DYNAMODB_START_SECONDS: '90',
    ...(options.faults ? { OTKLIK_FAULTS: JSON.stringify(options.faults) } : {}),
    ...options.env,
  };
  delete env.OTKLIK_WEBHOOK_SECRET;
  delete env.OTKLIK_ADMIN_TOKEN;
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let pending = Promise.resolve();
  const keep = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    lines.push(...text.split('\n').filter((line) => line.length > 0));
    pending = pending.then(() => appendFile(logFile, text));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const pid = child.pid;
  const signalGroup = (signal: NodeJS.Signals) => {
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      signalGroup('SIGKILL');
      reject(
        new Error(`the runtime did not start in ${START_TIMEOUT_MS} ms:\n${lines.join('\n')}`)
      );
    }, START_TIMEOUT_MS);
    const check = () => {
      if (lines.some((line) => line.includes(READY))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      // Whatever it left running (DynamoDB Local still starting) goes too.
      signalGroup('SIGKILL');
      reject(
        new Error(`the runtime exited (${String(code)}) before it started:\n${lines.join('\n')}`)
      );
    });
  });

  // The scheduler listens on a free port of its own; the banner names it.
  const schedulerUrl = lines
    .map((line) => /Scheduler\s+(http:\/\/\S+)/.exec(line)?.[1])
    .find((url) => url !== undefined);
  if (schedulerUrl === undefined) throw new Error('the runtime did not name its Scheduler URL');
  // The machine client's secret is made at each start; the banner names it.
  const machine = lines
    .map((line) => /Machine client\s+(\S+) \/ (\S+)/.exec(line))
    .find((found) => found !== null);
  if (!machine?.[1] || !machine[2]) throw new Error('the runtime did not name its machine client');
  return {
    apiUrl: `http://${host}:${String(api)}`,
    schedulerUrl,
    oidc: {
      issuer: `http://${host}:${String(oidc)}`,
      machineClient: { id: machine[1], secret: machine[2] },
    },
    inboxUrl: `http://${host}:${String(ses)}`,
    dynamoDbUrl: `http://${host}:${String(dynamo)}`,
    sfnUrl: `http://${host}:${String(sfn)}`,
    region,
    tableName: 'otklik-local',
    adminToken: RELIABILITY_ADMIN_TOKEN,
    webhookSecret: RELIABILITY_WEBHOOK_SECRET,
    dataDir,
    logFile,
    lines: () => lines,
    kill9: async () => {
      signalGroup('SIGKILL');
      await exited(child);
      await pending;
    },
    stop: async () => {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => {
        signalGroup('SIGKILL');
      }, 10_000);
      await exited(child);
      clearTimeout(timer);
      // DynamoDB Local (Java) goes with the group; give it a moment to let go of the port.
      signalGroup('SIGKILL');
      await pending;
    },
  };
};
