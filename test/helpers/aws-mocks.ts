import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetAccountCommand, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { clearCaches } from '@aws-lambda-powertools/parameters';
import {
  DescribeStateMachineCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { BatchGetCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { afterEach, beforeEach } from 'vitest';

/**
 * The SDK clients of the unit tests, mocked with aws-sdk-client-mock (not a test file
 * itself). Each `mock…` call belongs at the top of a test file: it mocks the clients for the
 * whole file and resets them after each test, so no answer leaks from one test to the next.
 */
/** How a mocked client answers before each test: with nothing (`bare`), or as named. */
export interface AwsAnswers {
  /**
   * `empty`: a table with no items that takes every write (a Get finds no item, a Query no
   * items, and Put, Update, Delete and TransactWrite succeed).
   */
  readonly table?: 'bare' | 'empty';
  /** `accepting`: workflows that take every answer (SendTaskSuccess) and every start. */
  readonly workflows?: 'bare' | 'accepting';
  /** `accepting`: SES sends every mail. */
  readonly mail?: 'bare' | 'accepting';
}

/**
 * The document client, Step Functions and SES v2, mocked for the whole file and reset after
 * each test; before each test they answer as `answers` say, and a test adds its own answers
 * (items stored, writes that fail) on top: `const { ddb, sfn } = mockAws({ table: 'empty' })`.
 */
export const mockAws = ({ table = 'bare', workflows = 'bare', mail = 'bare' }: AwsAnswers = {}) => {
  const mocks = {
    ddb: mockClient(DynamoDBDocumentClient),
    sfn: mockClient(SFNClient),
    ses: mockClient(SESv2Client),
  };
  const { ddb, sfn, ses } = mocks;
  beforeEach(() => {
    if (table === 'empty') {
      // Every command answers as it would on an empty table that takes every write: a Get
      // finds no item, and a Put, Update, Delete or TransactWrite succeeds.
      ddb.onAnyCommand().resolves({});
      ddb.on(QueryCommand).resolves({ Items: [] });
    }
    // After the empty table's any-command answer, which would otherwise take BatchGet too.
    answerBatchGetsFromQueries(ddb);
    if (workflows === 'accepting') {
      sfn.on(SendTaskSuccessCommand).resolves({});
      sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:execution' });
    }
    if (mail === 'accepting') ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });
  });
  afterEach(() => {
    ddb.reset();
    sfn.reset();
    ses.reset();
  });
  return mocks;
};

/**
 * The table holds every item a mocked index query answered: a BatchGet (how a store reads
 * what a keys-only index found) answers with those of the asked keys, as they were given.
 * A test that gives its own BatchGet answer replaces this.
 */
export const answerBatchGetsFromQueries = (ddb: AwsClientStub<DynamoDBDocumentClient>) => {
  ddb.on(BatchGetCommand).callsFake(async (input: BatchGetCommandInput) => {
    const answers = await Promise.all(
      ddb
        .commandCalls(QueryCommand)
        .map((call) => Promise.resolve(call.returnValue).catch(() => ({ Items: [] })))
    );
    const stored = answers.flatMap(
      // A query the test gave no answer answered undefined.
      (answer: { Items?: Record<string, unknown>[] } | undefined) => answer?.Items ?? []
    );
    const responses = Object.entries(input.RequestItems ?? {}).map(([tableName, request]) => [
      tableName,
      (request.Keys ?? []).flatMap((key) => {
        const item = stored.find((i) => i.pk === key.pk && i.sk === key.sk);
        return item ? [item] : [];
      }),
    ]);
    return { Responses: Object.fromEntries(responses) };
  });
};

/** The three plain clients the health checks ask: the table, the mail account, a workflow. */
export const mockHealthClients = () => {
  const mocks = {
    dynamo: mockClient(DynamoDBClient),
    ses: mockClient(SESv2Client),
    sfn: mockClient(SFNClient),
    secrets: mockClient(SecretsManagerClient),
  };
  afterEach(() => {
    mocks.dynamo.reset();
    mocks.ses.reset();
    mocks.sfn.reset();
    mocks.secrets.reset();
    // Powertools Parameters keeps the credentials secret for a minute.
    clearCaches();
  });
  return mocks;
};
export type HealthClients = ReturnType<typeof mockHealthClients>;

/** Every component a health check asks answers: the table active, mail and workflow there. */
export const givenHealthyComponents = ({ dynamo, ses, sfn, secrets }: HealthClients): void => {
  dynamo.on(DescribeTableCommand).resolves({ Table: { TableStatus: 'ACTIVE' } });
  ses.on(GetAccountCommand).resolves({ SendingEnabled: true });
  sfn.on(DescribeStateMachineCommand).resolves({ status: 'ACTIVE' });
  secrets.on(GetSecretValueCommand).resolves({
    SecretString: JSON.stringify({
      naumen: { secrets: ['whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'] },
    }),
  });
};
