import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromRoot } from '#lib/config/paths.ts';
import { tableNameFor, tableSchema } from '#lib/config/table-schema.ts';
import { functionEnvironment } from '#lib/definitions/function-environment.ts';
import {
  functionDefinitions,
  routeDefinitions,
  scheduleDefinitions,
  workflowDefinitions,
} from '#lib/definitions/index.ts';
import { kebabCase } from '#lib/definitions/names.ts';
import type { ResourceRefs } from '#lib/definitions/resource-refs.ts';
import { workflowSubstitutions } from '#lib/definitions/workflow-substitutions.ts';
import { createSdkCaller } from './aws-sdk-calls.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { createApiServer } from './http/api-server.ts';
import { LocalFunctions } from './lambda/local-functions.ts';
import { ScheduleRunner, scheduledEvent } from './schedules.ts';
import { createSchedulerLocal } from './scheduler-local.ts';
import type { FaultSettings } from './faults/fault-settings.ts';
import { sesEventJournal } from './ses-event-journal.ts';
import { sesEventDispatcher } from './ses-event-targets.ts';
import { PortInUseError, startSesLocal } from './ses-local.ts';
import { createSfnApiServer } from './stepfunctions/api-server.ts';
import { loadDefinition } from './stepfunctions/definition-loader.ts';
import { LocalStepFunctions } from './stepfunctions/local-step-functions.ts';
import { TaskTokenRegistry } from './stepfunctions/task-tokens.ts';
import { ensureTable } from './table-bootstrap.ts';
import { reconcileAtStartUp } from './start-up-reconcile.ts';
import { createSecretsManagerServer } from './secrets-manager-local.ts';
import { settingsSourceValue } from '#shared/settings/settings-location.ts';
import { prepareSettingsFile, settingsFileOf } from './settings-file.ts';
import { startLocalOidc, type LocalOidc } from './oidc/oidc-provider.ts';

export const LOCAL_STAGE = 'local';
export const LOCAL_ACCOUNT = '000000000000';

export interface LocalRuntimeOptions {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly apiPort: number;
  readonly dynamoDbPort: number;
  readonly sesPort: number;
  readonly sfnPort: number;
  /** Where DynamoDB Local keeps its data; undefined keeps it in memory. */
  readonly dataDir: string | undefined;
  readonly region: string;
  readonly webhookSecret: string;
  readonly adminToken: string;
  /** The ticket systems' credentials as the Secrets Manager JSON (functions/shared/source-credentials.ts). */
  readonly sourceCredentials: string;
  /** Origin used in email links; the API's own URL when absent. */
  readonly publicBaseUrl?: string | undefined;
  readonly schedules: boolean;
  /**
   * CSI settings as JSON (functions/shared/settings/csi-settings.ts), possibly partial:
   * merged over the local defaults and written to the settings file at start.
   */
  readonly csiSettings?: string | undefined;
  /**
   * The settings file the functions read at each invocation (local/settings-file.ts); a
   * file in a fresh temporary folder when absent (tests). Kept as it is at start when it
   * exists and no `csiSettings` is given.
   */
  readonly settingsFile?: string | undefined;
  /** Faults to inject (OTKLIK_FAULTS, local/faults/); none when absent. */
  readonly faults?: FaultSettings | undefined;
  /** An SES v2-compatible endpoint to send through instead of SES v2 local (OTKLIK_SES_ENDPOINT). */
  readonly sesEndpoint?: string | undefined;
  /** How long DynamoDB Local may take to answer at start (OTKLIK_DYNAMODB_START_SECONDS). */
  readonly dynamoDbStartSeconds?: number | undefined;
  /**
   * Where the functions reach DynamoDB, when not straight at DynamoDB Local: the bench puts
   * its counting proxy there. Their clients are built when a handler is first imported, and
   * the start-up reconcile pass imports one at once, so it has to be set before the start.
   */
  readonly functionsDynamoDbEndpoint?: string | undefined;
  /** The local OIDC provider's port (OTKLIK_OIDC_PORT); 0 or absent picks a free one. */
  readonly oidcPort?: number | undefined;
  /** How long a browser session lasts (OTKLIK_SESSION_HOURS). @default 8 */
  readonly sessionHours?: number | undefined;
  readonly log: (line: string) => void;
}

/** The claims the local provider puts role and units in: Cognito's, as on AWS by default. */
export const LOCAL_CLAIMS = { roles: 'cognito:groups', units: 'custom:units' } as const;

/**
 * Local defaults: the SSC's policy with short timers, so the whole loop can be walked
 * through in minutes (mail after 5 s, reminder after 2 min, expiry 3 min later; a case is
 * overdue after 5 min).
 */
export const LOCAL_CSI_SETTINGS = {
  sendDelay: 'PT5S',
  reminderAfter: 'PT2M',
  expireAfterReminder: 'PT3M',
  followUp: {
    sla: 'PT5M',
    maxAge: 'PT30M',
    defaultOwner: { email: 'quality@local.test', name: 'Quality team' },
    defaultEscalation: { email: 'quality-lead@local.test', name: 'Head of quality' },
  },
};

export interface LocalRuntime {
  readonly urls: {
    readonly api: string;
    readonly inbox: string;
    readonly dynamoDb: string;
    readonly stepFunctions: string;
    /** The local EventBridge Scheduler (one-time schedules that start workflows late). */
    readonly scheduler: string;
    /** The local OIDC provider (the issuer people sign in with). */
    readonly oidc: string;
  };
  /** The local OIDC provider: its people and its machine client (docs/sign-in.md). */
  readonly oidc: Omit<LocalOidc, 'stop'>;
  readonly tableName: string;
  readonly stepFunctions: LocalStepFunctions;
  readonly tokens: TaskTokenRegistry;
  readonly functions: LocalFunctions;
  readonly stateMachineArn: (workflowId: string) => string;
  readonly fireSchedule: (id: string) => Promise<unknown>;
  /** The settings file the functions read; an edit applies at the next invocation. */
  readonly settingsFile: string;
  /** The reconcile pass run at start-up (local/start-up-reconcile.ts); resolves when it is done. */
  readonly startUpReconcile: Promise<unknown>;
  readonly stop: () => Promise<void>;
}

const listen = (server: Server, host: string, port: number, setting: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(`${host}:${port} is in use (set ${setting})`)
          : error
      );
    });
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => {
      resolve();
    });
  });

/**
 * Starts every local part in order: DynamoDB Local (and the table), SES v2 local, the
 * Step Functions service with every workflow, the HTTP API, and the schedules. The
 * handlers run in this process and reach the parts through the SDK's standard endpoint
 * variables (AWS_ENDPOINT_URL_<SERVICE>), exactly as they reach AWS without them. Those,
 * the region and the credentials are the process's own; a function's own variables are
 * set only while its handler module is imported (local/lambda/scoped-environment.ts).
 * If a part fails to start, the ones already started are stopped again.
 */
export const startLocalRuntime = async (options: LocalRuntimeOptions): Promise<LocalRuntime> => {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    stops.length = 0;
  };
  try {
    const settingsFile =
      options.settingsFile ?? settingsFileOf(await mkdtemp(join(tmpdir(), 'otklik-settings-')));
    if (!options.settingsFile)
      stops.push(() => rm(dirname(settingsFile), { recursive: true, force: true }));
    const seeded = await prepareSettingsFile(settingsFile, LOCAL_CSI_SETTINGS, options.csiSettings);
    options.log(`settings ${seeded === 'kept' ? 'kept' : 'written'}: ${settingsFile}`);
    const dynamoUrl = `http://${options.host}:${options.dynamoDbPort}`;
    Object.assign(process.env, {
      AWS_REGION: options.region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: options.functionsDynamoDbEndpoint ?? dynamoUrl,
    });
    const dynamoDb = new DynamoDBClient({ endpoint: dynamoUrl, region: options.region });
    const dynamo = await startDynamoDbLocal({
      host: options.host,
      port: options.dynamoDbPort,
      dataDir: options.dataDir,
      client: dynamoDb,
      log: options.log,
      startSeconds: options.dynamoDbStartSeconds,
    });
    stops.push(dynamo.stop);
    const tableName = tableNameFor(LOCAL_STAGE);
    const created = await ensureTable(dynamoDb, tableName, tableSchema);
    options.log(
      created
        ? `table ${tableName} created`
        : `table ${tableName} kept (${options.dataDir ? 'persisted' : 'in memory'})`
    );

    if (options.sesEndpoint && options.faults?.ses)
      throw new Error(
        'OTKLIK_FAULTS "ses" acts on SES v2 local; with OTKLIK_SES_ENDPOINT put a proxy in front of that endpoint instead'
      );
    // SES v2 local, or the external endpoint set instead (then no inbox, no local events).
    const emitSesEvent = sesEventDispatcher(
      functionDefinitions,
      (id, e) => functions.invoke(id, e),
      options.log
    );
    // Kept on disk with the data, so that an event survives a kill (local/ses-event-journal.ts).
    const journal = options.sesEndpoint ? undefined : sesEventJournal(options.dataDir);
    const undelivered = journal?.takeUndelivered() ?? [];
    const deliverSend = (event: { readonly id: string }) =>
      emitSesEvent('SEND', event).then(() => journal?.delivered(event.id));
    const ses = options.sesEndpoint
      ? undefined
      : await startSesLocal(options.host, options.sesPort, {
          faults: options.faults?.ses,
          seed: options.faults?.seed,
          events: { region: options.region, account: LOCAL_ACCOUNT },
          onSend: (event) => {
            journal?.record(event);
            void deliverSend(event);
          },
        });
    if (ses) stops.push(ses.stop);
    if (options.faults?.ses) options.log(`SES faults on: ${JSON.stringify(options.faults.ses)}`);
    const sesUrl =
      options.sesEndpoint ??
      `http://${options.host}:${String((ses?.server.address() as AddressInfo).port)}`;

    // Read at the first import, after `refs` below is built (it needs the API's URL).
    const functions = new LocalFunctions(
      functionDefinitions,
      LOCAL_STAGE,
      options.region,
      LOCAL_ACCOUNT,
      (definition) => functionEnvironment(definition, refs)
    );
    const stepFunctions = new LocalStepFunctions(options.region, LOCAL_ACCOUNT);
    const stateMachineArn = (id: string) =>
      `arn:aws:states:${options.region}:${LOCAL_ACCOUNT}:stateMachine:otklik-${LOCAL_STAGE}-${kebabCase(id)}`;
    const tokens = new TaskTokenRegistry();
    const sfnServer = createSfnApiServer(stepFunctions, tokens);
    const sfnPort = await listen(sfnServer, options.host, options.sfnPort, 'OTKLIK_SFN_PORT');
    stops.push(async () => {
      await stepFunctions.stopAll();
      await close(sfnServer);
    });
    const sfnUrl = `http://${options.host}:${sfnPort}`;

    // EventBridge Scheduler: intake's one-time schedules fire StartExecution on the service above.
    const scheduler = createSchedulerLocal({
      region: options.region,
      accountId: LOCAL_ACCOUNT,
      startExecution: (params) => stepFunctions.startExecution(params),
      log: options.log,
    });
    const schedulerPort = await listen(scheduler.server, options.host, 0, 'none');
    stops.push(async () => {
      scheduler.stop();
      await close(scheduler.server);
    });
    const schedulerUrl = `http://${options.host}:${schedulerPort}`;

    const webhookSecretId = `otklik/${LOCAL_STAGE}/webhook-secret`;
    const sourceCredentialsId = `otklik/${LOCAL_STAGE}/source-credentials`;
    const secretsServer = createSecretsManagerServer(
      new Map([
        [webhookSecretId, options.webhookSecret],
        [sourceCredentialsId, options.sourceCredentials],
      ]),
      options.region
    );
    const secretsPort = await listen(secretsServer, options.host, 0, 'none');
    stops.push(() => close(secretsServer));

    // The API listens here, to learn its port (the functions' links need it), but the
    // workflows and the functions' environment are set up below: a request that comes in
    // between waits for them instead of failing (GET /health was a 503 in that second).
    let markReady = (): void => undefined;
    const ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    const apiServer = createApiServer({
      routes: routeDefinitions,
      functions: {
        invoke: async (id, event) => {
          await ready;
          return functions.invoke(id, event);
        },
      },
      adminToken: options.adminToken,
      control: async (method, path) => {
        await ready;
        const trigger = /^\/_local\/schedules\/([a-z0-9-]+)$/.exec(path);
        if (method !== 'POST' || !trigger?.[1]) return undefined;
        if (!scheduleDefinitions.some((s) => s.id === trigger[1])) return undefined;
        return {
          status: 200,
          body: { schedule: trigger[1], result: await schedules.fire(trigger[1]) },
        };
      },
    });
    const apiPort = await listen(apiServer, options.host, options.apiPort, 'OTKLIK_API_PORT');
    stops.push(() => close(apiServer));
    const apiUrl = `http://${options.host}:${apiPort}`;
    const publicBaseUrl = options.publicBaseUrl ?? apiUrl;
    // The issuer people sign in with; its web client returns to this API's /auth/callback.
    const oidc = await startLocalOidc({
      host: options.host,
      port: options.oidcPort ?? 0,
      appBaseUrl: publicBaseUrl,
      rolesClaim: LOCAL_CLAIMS.roles,
      unitsClaim: LOCAL_CLAIMS.units,
    });
    stops.push(oidc.stop);
    const refs: ResourceRefs & { stage: string } = {
      stage: LOCAL_STAGE,
      tableName,
      functionArn: (id) => functions.arnOf(id),
      stateMachineArn,
      senderAddress: 'otklik@local.test',
      configurationSetName: `otklik-${LOCAL_STAGE}`,
      publicBaseUrl,
      settingsSource: settingsSourceValue({ path: settingsFile }),
      webhookSecretId,
      sourceCredentialsId,
      schedulerRoleArn: `arn:aws:iam::${LOCAL_ACCOUNT}:role/otklik-${LOCAL_STAGE}-scheduler`,
      scheduleGroupName: `otklik-${LOCAL_STAGE}`,
      oidc: {
        issuer: oidc.issuer,
        clientId: oidc.webClientId,
        audience: oidc.audience,
        rolesClaim: LOCAL_CLAIMS.roles,
        unitsClaim: LOCAL_CLAIMS.units,
        sessionHours: options.sessionHours ?? 8,
      },
    };

    // The runtime's own variables, read by the SDK and Powertools at any time: set in the
    // process for good. No function's own variable is (see LocalFunctions).
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SESV2: sesUrl,
      AWS_ENDPOINT_URL_SFN: sfnUrl,
      AWS_ENDPOINT_URL_SCHEDULER: schedulerUrl,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://${options.host}:${secretsPort}`,
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    });

    stepFunctions.bindTasks({
      invokeFunction: (name, payload) => functions.invoke(name, payload),
      dynamoDb,
      awsSdk: createSdkCaller(),
      tokens,
    });
    for (const workflow of workflowDefinitions) {
      const definition = await loadDefinition(
        fromRoot(workflow.file),
        workflowSubstitutions(workflow, refs)
      );
      stepFunctions.register(`otklik-${LOCAL_STAGE}-${kebabCase(workflow.id)}`, definition);
    }

    const schedules = new ScheduleRunner(
      scheduleDefinitions,
      async (schedule) => {
        const target = schedule.target;
        if (target.kind === 'function')
          return functions.invoke(
            target.functionId,
            scheduledEvent(schedule, options.region, new Date())
          );
        const record = stepFunctions.startExecution({
          stateMachineArn: stateMachineArn(target.workflowId),
          input: JSON.stringify(target.input),
        });
        return { executionArn: record.executionArn };
      },
      options.log
    );
    if (options.schedules) schedules.start();
    stops.push(() => {
      schedules.stop();
      return Promise.resolve();
    });

    // The Send events a kill cut off reach their targets before the workflows resume.
    if (undelivered.length > 0)
      options.log(`delivering ${String(undelivered.length)} SES event(s) a stop cut off`);
    await Promise.all(undelivered.map((event) => deliverSend(event)));
    const startUpReconcile = reconcileAtStartUp(
      (id, event) => functions.invoke(id, event),
      options.region,
      options.log
    );

    markReady();
    return {
      settingsFile,
      startUpReconcile,
      urls: {
        api: apiUrl,
        inbox: sesUrl,
        dynamoDb: dynamoUrl,
        stepFunctions: sfnUrl,
        scheduler: schedulerUrl,
        oidc: oidc.issuer,
      },
      oidc: {
        issuer: oidc.issuer,
        webClientId: oidc.webClientId,
        machineClient: oidc.machineClient,
        resource: oidc.resource,
        audience: oidc.audience,
        scope: oidc.scope,
        people: oidc.people,
      },
      tableName,
      stepFunctions,
      tokens,
      functions,
      stateMachineArn,
      fireSchedule: (id) => schedules.fire(id),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};

/** Removes the local data folder (`npm run reset`). */
export const wipeLocalData = async (dataDir: string): Promise<void> => {
  await rm(dataDir, { recursive: true, force: true });
};

export const dynamoDataDir = (dataDir: string): string => join(dataDir, 'dynamodb');
