import type { TestProject } from 'vitest/node';
import { startLocalRuntime } from '#local/runtime.ts';
import { freePort } from '../helpers/free-port.ts';
import { sourceCredentialsJson } from './integration-credentials.ts';
import { INTEGRATION_CSI_SETTINGS } from './integration-settings.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    runtime: {
      apiUrl: string;
      inboxUrl: string;
      dynamoDbUrl: string;
      sfnUrl: string;
      schedulerUrl: string;
      region: string;
      tableName: string;
      adminToken: string;
      webhookSecret: string;
      probeStateMachineArn: string;
      csiStateMachineArn: string;
      /** The runtime's settings file: an edit applies at the next invocation (restore it after). */
      settingsFile: string;
      /** The local OIDC provider: its people sign in through it (test/helpers/sign-in.ts). */
      oidc: {
        issuer: string;
        machineClient: { id: string; secret: string };
        resource: string;
        scope: string;
        audience: string;
      };
    };
  }
}

/**
 * Starts the whole local runtime once for the integration suite, on free ports with
 * DynamoDB Local in memory, and stops it (every process) afterwards.
 */
export default async function setup(project: TestProject) {
  const region = 'eu-central-1';
  const adminToken = 'integration-admin-token-0123456789';
  const webhookSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  // The reconcile pass may act at once in tests (default: on what is two minutes old).
  process.env.RECONCILE_GRACE_SECONDS = '0';
  // A send the loaded machine timed out on is sent again after 5 s without a receipt (not
  // the default 60 s, past every test's patience); SES local reports a Send within 1 s.
  process.env.MAIL_RECEIPT_WAIT_SECONDS = '5';
  const runtime = await startLocalRuntime({
    host: '127.0.0.1',
    apiPort: 0,
    dynamoDbPort: await freePort(),
    sesPort: await freePort(),
    sfnPort: 0,
    dataDir: undefined,
    region,
    webhookSecret,
    adminToken,
    sourceCredentials: sourceCredentialsJson,
    schedules: false,
    // Short timers: the mail 2 s after the webhook (time to reopen before it), a window
    // long enough for a test to rate, and cases overdue only when a test wants them.
    csiSettings: JSON.stringify(INTEGRATION_CSI_SETTINGS),
    log: () => undefined,
  });
  project.provide('runtime', {
    apiUrl: runtime.urls.api,
    inboxUrl: runtime.urls.inbox,
    dynamoDbUrl: runtime.urls.dynamoDb,
    sfnUrl: runtime.urls.stepFunctions,
    schedulerUrl: runtime.urls.scheduler,
    region,
    tableName: runtime.tableName,
    adminToken,
    webhookSecret,
    probeStateMachineArn: runtime.stateMachineArn('CallbackProbe'),
    csiStateMachineArn: runtime.stateMachineArn('CsiSurvey'),
    settingsFile: runtime.settingsFile,
    oidc: {
      issuer: runtime.oidc.issuer,
      machineClient: runtime.oidc.machineClient,
      resource: runtime.oidc.resource,
      scope: runtime.oidc.scope,
      audience: runtime.oidc.audience,
    },
  });
  return async () => {
    await runtime.stop();
  };
}
