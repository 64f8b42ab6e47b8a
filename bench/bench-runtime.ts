import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { startLocalRuntime, type LocalRuntime } from '#local/runtime.ts';
import { createUnit } from '#functions/platform/business-units/business-unit-admin.service.ts';
import { createUnitSchema } from '#functions/platform/business-units/business-units-api.schema.ts';
import { dataStores } from '#shared/data/data-stores.ts';
import { freePort } from '#test/helpers/free-port.ts';
import { sourceCredentialsJson } from '#test/integration/integration-credentials.ts';
import { startCapacityProxy, type CapacityProxy } from './capacity-proxy.ts';
import { meterInvocations, type InvocationMeter } from './invocation-meter.ts';
import { startRequestCounter, type RequestCounter } from './request-counter.ts';

/** The timers the bench runs the CSI workflow with (ISO durations, as in CSI_SETTINGS). */
export interface BenchTimers {
  readonly sendDelay: string;
  readonly reminderAfter: string;
  readonly expireAfterReminder: string;
}

export interface BenchRuntime {
  readonly runtime: LocalRuntime;
  readonly region: string;
  readonly adminToken: string;
  readonly webhookSecret: string;
  /** Counts the handlers' DynamoDB traffic and its consumed capacity. */
  readonly capacity: CapacityProxy;
  readonly invocations: InvocationMeter;
  /** Counts CreateSchedule calls when the runtime has a local EventBridge Scheduler. */
  readonly schedules: RequestCounter | undefined;
  /** Straight to DynamoDB Local (not counted): the bench's own reads, seeds and baselines. */
  readonly dynamoDb: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly sfn: SFNClient;
  readonly stop: () => Promise<void>;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Starts the local runtime for the bench on free ports (DynamoDB Local in memory), with
 * short CSI timers and the counters in front of it. The handlers find DynamoDB (and the
 * scheduler) through the SDK's endpoint variables, read when a client is built: DynamoDB's
 * is given to the runtime before its start (a handler is imported at once, by the start-up
 * reconcile pass); the scheduler's is pointed at its counter after the start, before the
 * first webhook imports the intake handler. The runtime's own clients stay direct.
 */
export const startBenchRuntime = async (timers: BenchTimers): Promise<BenchRuntime> => {
  const region = 'eu-central-1';
  const adminToken = 'bench-admin-token-0123456789abcdef';
  const webhookSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  // The counting proxy is in place before the start: the functions' DynamoDB client is built
  // when a handler is first imported, and the start-up reconcile pass imports one at once.
  const dynamoDbPort = await freePort();
  const capacity = await startCapacityProxy(`http://127.0.0.1:${String(dynamoDbPort)}`);
  const start = async () =>
    startLocalRuntime({
      host: '127.0.0.1',
      apiPort: 0,
      dynamoDbPort,
      functionsDynamoDbEndpoint: capacity.url,
      sesPort: await freePort(),
      sfnPort: 0,
      dataDir: undefined,
      region,
      webhookSecret,
      adminToken,
      sourceCredentials: sourceCredentialsJson,
      schedules: false,
      csiSettings: JSON.stringify({
        ...timers,
        followUp: {
          sla: 'PT10M',
          maxAge: 'PT30M',
          defaultOwner: { email: 'quality@bench.example', name: 'Quality team' },
          defaultEscalation: { email: 'lead@bench.example', name: 'Head of quality' },
        },
      }),
      log: () => undefined,
    });
  // DynamoDB Local (Java) may miss its 30 s start-up window on a busy machine: try again.
  let runtime: LocalRuntime | undefined;
  for (let attempt = 1; runtime === undefined; attempt++) {
    try {
      runtime = await start();
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
  }
  const schedulerUrl = process.env.AWS_ENDPOINT_URL_SCHEDULER;
  const schedules = schedulerUrl
    ? await startRequestCounter(
        schedulerUrl,
        (method, path) => method === 'POST' && path.startsWith('/schedules/')
      )
    : undefined;
  if (schedules) process.env.AWS_ENDPOINT_URL_SCHEDULER = schedules.url;
  const dynamoDb = new DynamoDBClient({ endpoint: runtime.urls.dynamoDb, region, credentials });
  // A registered unit for the bench's tickets (FIN), so they take the usual path (one alias
  // read, no unassigned record); no quality owner, so cases still go to the default owner.
  await createUnit(
    {
      ...dataStores({ db: DynamoDBDocumentClient.from(dynamoDb), tableName: runtime.tableName }),
      now: () => new Date(),
    },
    createUnitSchema.parse({
      unitId: 'bench-unit',
      names: { ru: 'Подразделение бенча', en: 'Bench unit' },
      aliases: [{ source: 'any', value: 'FIN' }],
    }),
    'bench'
  );
  return {
    runtime,
    region,
    adminToken,
    webhookSecret,
    capacity,
    invocations: meterInvocations(runtime.functions),
    schedules,
    dynamoDb,
    documents: DynamoDBDocumentClient.from(dynamoDb),
    sfn: new SFNClient({ endpoint: runtime.urls.stepFunctions, region, credentials }),
    stop: async () => {
      await runtime.stop();
      await capacity.stop();
      await schedules?.stop();
    },
  };
};
