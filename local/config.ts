import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { repoRoot } from '#lib/config/paths.ts';
import { faultsVariableSchema } from './faults/fault-settings.ts';

/**
 * The local runtime's settings, from environment variables with documented defaults
 * (docs/local-runtime.md). Validated once at start: a bad port fails with its name.
 */
const port = z.coerce.number().int().min(0).max(65535);
export const localEnvSchema = z.object({
  // Every local part binds to this one host. An empty value would make Node listen on every
  // interface, so it is refused rather than read as "the default".
  OTKLIK_HOST: z.string().trim().min(1).default('127.0.0.1'),
  OTKLIK_API_PORT: port.default(3000),
  OTKLIK_DYNAMODB_PORT: port.default(8000),
  OTKLIK_SES_PORT: port.default(8005),
  OTKLIK_SFN_PORT: port.default(8083),
  // The local OIDC provider (local/oidc/): people sign in there (docs/sign-in.md).
  OTKLIK_OIDC_PORT: port.default(8090),
  OTKLIK_SESSION_HOURS: z.coerce.number().positive().max(720).default(8),
  OTKLIK_DATA_DIR: z.string().default('.local-data'),
  OTKLIK_PUBLIC_BASE_URL: z.url().optional(),
  OTKLIK_SCHEDULES: z.enum(['on', 'off']).default('on'),
  /** `off`: no business units from local/seed/ (a suite that routes cases by its own settings). */
  OTKLIK_SEED: z.enum(['on', 'off']).default('on'),
  OTKLIK_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]{24,}$/)
    .optional(),
  OTKLIK_ADMIN_TOKEN: z.string().min(16).optional(),
  OTKLIK_CSI_SETTINGS: z.string().optional(),
  // Fault injection (local/faults/): JSON, validated here so a typo stops `npm start`.
  OTKLIK_FAULTS: faultsVariableSchema.optional(),
  // An SES v2-compatible endpoint used instead of SES v2 local (no inbox, no local events).
  OTKLIK_SES_ENDPOINT: z.url().optional(),
  OTKLIK_DYNAMODB_START_SECONDS: z.coerce.number().int().min(1).default(30),
  AWS_REGION: z.string().default('eu-central-1'),
});
export type LocalEnv = z.infer<typeof localEnvSchema>;

export interface LocalCredentials {
  /** Standard Webhooks secret the ticket systems sign with. */
  readonly webhookSecret: string;
  /** Bearer token for the admin API (stands in for the JWT authorizer). */
  readonly adminToken: string;
  /** The ticket systems' secrets (functions/shared/source-credentials.ts shape). */
  readonly sources: {
    readonly naumen: string;
    readonly servicenow: string;
    readonly jira: string;
    readonly zendesk: string;
    readonly bearerToken: string;
  };
}

const credentialsSchema = z.object({
  webhookSecret: z.string(),
  adminToken: z.string(),
  sources: z
    .object({
      naumen: z.string(),
      servicenow: z.string(),
      jira: z.string(),
      zendesk: z.string(),
      bearerToken: z.string(),
    })
    .optional(),
});

const newSourceSecrets = () => ({
  naumen: `whsec_${randomBytes(32).toString('base64')}`,
  servicenow: `whsec_${randomBytes(32).toString('base64')}`,
  jira: randomBytes(24).toString('hex'),
  zendesk: randomBytes(32).toString('base64'),
  bearerToken: randomBytes(32).toString('base64url'),
});

/** The credentials secret's JSON for the local Secrets Manager. */
export const sourceCredentialsJson = (credentials: LocalCredentials): string =>
  JSON.stringify({
    naumen: { secrets: [credentials.sources.naumen], bearerTokens: [] },
    servicenow: { secrets: [credentials.sources.servicenow], bearerTokens: [] },
    jira: { secrets: [credentials.sources.jira], bearerTokens: [credentials.sources.bearerToken] },
    zendesk: { secrets: [credentials.sources.zendesk], bearerTokens: [] },
  });

export const dataDirOf = (env: LocalEnv): string =>
  isAbsolute(env.OTKLIK_DATA_DIR) ? env.OTKLIK_DATA_DIR : join(repoRoot, env.OTKLIK_DATA_DIR);

/**
 * The local credentials: from the environment when given, else made once and kept in the
 * data folder, so a restart keeps the secret the sender scripts were set up with.
 */
export const loadCredentials = async (env: LocalEnv): Promise<LocalCredentials> => {
  const dir = dataDirOf(env);
  const file = join(dir, 'credentials.json');
  let stored: z.infer<typeof credentialsSchema> | undefined;
  try {
    const parsed = credentialsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) stored = parsed.data;
  } catch {
    stored = undefined;
  }
  const credentials: LocalCredentials = {
    sources: stored?.sources ?? newSourceSecrets(),
    webhookSecret:
      env.OTKLIK_WEBHOOK_SECRET ??
      stored?.webhookSecret ??
      `whsec_${randomBytes(32).toString('base64')}`,
    adminToken:
      env.OTKLIK_ADMIN_TOKEN ?? stored?.adminToken ?? randomBytes(24).toString('base64url'),
  };
  await mkdir(dir, { recursive: true });
  await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
};

/** What `npm start` records in its data folder for the sender scripts: where its API listens. */
const runningSchema = z.object({ apiUrl: z.url() });
export const runtimeFileOf = (env: LocalEnv): string => join(dataDirOf(env), 'runtime.json');

export const recordRunningRuntime = async (env: LocalEnv, apiUrl: string): Promise<void> => {
  await mkdir(dataDirOf(env), { recursive: true });
  await writeFile(runtimeFileOf(env), `${JSON.stringify({ apiUrl }, null, 2)}\n`);
};

/**
 * The running runtime's API and credentials, read from its data folder and never written
 * (`npm run webhook`, `npm run trigger`): a script that made new credentials would sign
 * with a secret the runtime does not know. OTKLIK_API_PORT, when set, wins over the
 * recorded URL's port.
 */
export const readRunningRuntime = async (
  env: LocalEnv,
  explicitPort: boolean
): Promise<{ apiUrl: string; credentials: LocalCredentials | undefined }> => {
  const dir = dataDirOf(env);
  const recorded = await readFile(runtimeFileOf(env), 'utf8')
    .then((text) => runningSchema.safeParse(JSON.parse(text)))
    .catch(() => undefined);
  const fallback = `http://${env.OTKLIK_HOST}:${String(env.OTKLIK_API_PORT)}`;
  const apiUrl =
    recorded?.success && !explicitPort ? recorded.data.apiUrl.replace(/\/$/, '') : fallback;
  const stored = await readFile(join(dir, 'credentials.json'), 'utf8')
    .then((text) => credentialsSchema.safeParse(JSON.parse(text)))
    .catch(() => undefined);
  const credentials =
    stored?.success && stored.data.sources
      ? {
          webhookSecret: env.OTKLIK_WEBHOOK_SECRET ?? stored.data.webhookSecret,
          adminToken: env.OTKLIK_ADMIN_TOKEN ?? stored.data.adminToken,
          sources: stored.data.sources,
        }
      : undefined;
  return { apiUrl, credentials };
};
