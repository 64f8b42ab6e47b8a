import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '#local/runtime.ts';
import { surveyKey, surveyStatusEntry, ticketSurveysEntry } from '#shared/data/keys.ts';
import { freePort } from '../helpers/free-port.ts';
import { sourceCredentialsJson } from './integration-credentials.ts';
import { INTEGRATION_CSI_SETTINGS } from './integration-settings.ts';

const region = 'eu-central-1';
const started: LocalRuntime[] = [];
const dirs: string[] = [];

/**
 * A runtime of its own (not the suite's) on a data folder that outlives it. A restart
 * keeps the ports: the handler modules (and their SDK clients) of this process were
 * imported once, at the first start, as a new process would import them again.
 */
const startOn = async (dataDir: string, ports: { dynamoDb: number; sfn: number }) => {
  const runtime = await startLocalRuntime({
    host: '127.0.0.1',
    apiPort: 0,
    dynamoDbPort: ports.dynamoDb,
    sesPort: await freePort(),
    sfnPort: ports.sfn,
    dataDir,
    region,
    webhookSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    adminToken: 'start-up-admin-token-0123456789',
    sourceCredentials: sourceCredentialsJson,
    schedules: false,
    csiSettings: JSON.stringify(INTEGRATION_CSI_SETTINGS),
    // In the data folder, as `npm start` keeps it: the handlers of this process keep the
    // path they were first imported with, so the restart reads the same file.
    settingsFile: join(dataDir, 'settings.json'),
    log: () => undefined,
  });
  started.push(runtime);
  return runtime;
};

afterAll(async () => {
  for (const runtime of started) await runtime.stop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('Local runtime: reconcile at start-up', () => {
  it(
    'gives a survey left waiting by a stopped runtime its workflow back at the next start, with its remaining waits',
    { timeout: 120_000 },
    async () => {
      // Prepare: a runtime whose table holds a mailed survey, then stopped: its execution
      // (none here) is forgotten, as after a kill.
      const dataDir = await mkdtemp(join(tmpdir(), 'otklik-start-up-'));
      dirs.push(dataDir);
      const ports = { dynamoDb: await freePort(), sfn: await freePort() };
      const first = await startOn(dataDir, ports);
      await first.startUpReconcile;
      const surveyId = 'a1'.repeat(16);
      const now = new Date();
      const sentAt = new Date(now.getTime() - 10_000).toISOString();
      const closesAt = new Date(now.getTime() + 50_000).toISOString();
      const documents = DynamoDBDocumentClient.from(
        new DynamoDBClient({
          endpoint: first.urls.dynamoDb,
          region,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        })
      );
      await documents.send(
        new PutCommand({
          TableName: first.tableName,
          Item: {
            ...surveyKey(surveyId),
            ...ticketSurveysEntry('T-9', 'generic', sentAt),
            ...surveyStatusEntry(surveyId, 'sent', sentAt),
            surveyId,
            source: 'generic',
            ticketId: 'T-9',
            ticketNumber: 'T-9',
            requesterEmail: 'start-up@test.example',
            locale: 'en',
            resolvedAt: sentAt,
            status: 'sent',
            createdAt: sentAt,
            updatedAt: sentAt,
            sentAt,
            closesAt,
            aggregateDay: sentAt.slice(0, 10),
            aggregateDimension: '-#-',
          },
        })
      );
      await first.stop();

      // Act
      const restartedAt = Date.now();
      const second = await startOn(dataDir, ports);
      const pass = await second.startUpReconcile;
      const passedAt = Date.now();

      // Assess: started under the survey's id, with the rest of the rating window until the
      // reminder, then the 20 s from the reminder to closesAt.
      expect(pass).toMatchObject({ restarted: { surveys: 1 }, complete: true });
      const arn = second.stateMachineArn('CsiSurvey').replace(':stateMachine:', ':execution:');
      const execution = second.stepFunctions.describeExecution(`${arn}:${surveyId}`);
      const input = JSON.parse(execution.input) as {
        waits: { untilReminderSeconds: number; untilCloseSeconds: number };
      };
      // What was left of the 40 s window when the pass ran, however long the restart took.
      const reminderAt = new Date(sentAt).getTime() + 40_000;
      const left = (at: number) => Math.max(1, Math.ceil((reminderAt - at) / 1000));
      expect(input.waits.untilReminderSeconds).toBeGreaterThanOrEqual(left(passedAt));
      expect(input.waits.untilReminderSeconds).toBeLessThanOrEqual(left(restartedAt));
      expect(input.waits.untilCloseSeconds).toBe(20);
    }
  );
});
