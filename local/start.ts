/**
 * `npm start`: the whole of otklik on this machine. Ctrl-C stops every part it started.
 */
import {
  dataDirOf,
  loadCredentials,
  localEnvSchema,
  recordRunningRuntime,
  sourceCredentialsJson,
} from './config.ts';
import { dynamoDataDir, startLocalRuntime } from './runtime.ts';
import { seedBusinessUnits } from './seed-business-units.ts';
import { settingsFileOf } from './settings-file.ts';
import { issueLines } from '#shared/kernel/zod-issues.ts';

const log = (line: string) => {
  console.log(`[otklik] ${line}`);
};

const main = async () => {
  const parsed = localEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    console.error(`Invalid settings: ${issueLines(parsed.error, '').join('; ')}`);
    process.exit(1);
  }
  const env = parsed.data;
  const credentials = await loadCredentials(env);
  const started = Date.now();
  const runtime = await startLocalRuntime({
    host: env.OTKLIK_HOST,
    apiPort: env.OTKLIK_API_PORT,
    dynamoDbPort: env.OTKLIK_DYNAMODB_PORT,
    sesPort: env.OTKLIK_SES_PORT,
    sfnPort: env.OTKLIK_SFN_PORT,
    dataDir: dynamoDataDir(dataDirOf(env)),
    region: env.AWS_REGION,
    webhookSecret: credentials.webhookSecret,
    adminToken: credentials.adminToken,
    sourceCredentials: sourceCredentialsJson(credentials),
    publicBaseUrl: env.OTKLIK_PUBLIC_BASE_URL,
    schedules: env.OTKLIK_SCHEDULES === 'on',
    csiSettings: env.OTKLIK_CSI_SETTINGS,
    settingsFile: settingsFileOf(dataDirOf(env)),
    faults: env.OTKLIK_FAULTS,
    sesEndpoint: env.OTKLIK_SES_ENDPOINT,
    dynamoDbStartSeconds: env.OTKLIK_DYNAMODB_START_SECONDS,
    oidcPort: env.OTKLIK_OIDC_PORT,
    sessionHours: env.OTKLIK_SESSION_HOURS,
    log,
  });
  const seeded =
    env.OTKLIK_SEED === 'on'
      ? await seedBusinessUnits({
          dynamoDbUrl: runtime.urls.dynamoDb,
          region: env.AWS_REGION,
          tableName: runtime.tableName,
        })
      : 0;
  if (seeded > 0)
    log(`${String(seeded)} business units registered from local/seed/business-units.json`);
  // For npm run webhook and npm run trigger: where this runtime's API listens.
  await recordRunningRuntime(env, runtime.urls.api);
  console.log(`
otklik is running locally (started in ${((Date.now() - started) / 1000).toFixed(1)} s)

  API             ${runtime.urls.api}
  Health          ${runtime.urls.api}/health
  Mail ${env.OTKLIK_SES_ENDPOINT ? 'endpoint  ' : 'inbox     '} ${runtime.urls.inbox}
  Step Functions  ${runtime.urls.stepFunctions}   (AWS_ENDPOINT_URL_SFN)
  Scheduler       ${runtime.urls.scheduler}   (AWS_ENDPOINT_URL_SCHEDULER)
  DynamoDB Local  ${runtime.urls.dynamoDb}   (AWS_ENDPOINT_URL_DYNAMODB, table ${runtime.tableName})

  Console         ${runtime.urls.api}/console   (sign in as one of the people below)
  OIDC issuer     ${runtime.urls.oidc}

  Sign-in accounts (local only):
${runtime.oidc.people.map((p) => `    ${p.email.padEnd(26)} ${p.password.padEnd(16)} ${p.name} (${p.title})`).join('\n')}
  Machine client  ${runtime.oidc.machineClient.id} / ${runtime.oidc.machineClient.secret}
                  (client_credentials, resource ${runtime.oidc.resource}: a bearer JWT for /v1)

  Webhook secret  ${credentials.webhookSecret}
  Admin token     ${credentials.adminToken}   (local scripts only: Authorization: Bearer …)
  Source secrets  Naumen, ServiceNow, Jira, Zendesk: in ${dataDirOf(env)}/credentials.json

  Kept in ${dataDirOf(env)}; npm run reset wipes it. Ctrl-C stops everything.
`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    runtime
      .stop()
      .then(() => {
        log('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('[otklik] stop failed', error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => {
    shutdown('SIGINT');
  });
  process.on('SIGTERM', () => {
    shutdown('SIGTERM');
  });
};

main().catch((error: unknown) => {
  console.error(
    `[otklik] could not start: ${error instanceof Error ? error.message : String(error)}`
  );
  process.exit(1);
});
