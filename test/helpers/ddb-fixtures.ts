import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { dataStores } from '#shared/data/data-stores.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import type { Survey } from '#shared/data/survey.ts';
import { stepFunctionsPort } from '#shared/workflow/workflow-port.ts';

/** Shared builders for the unit tests of the CSI loop (not a test file itself). */
export const TABLE = 'otklik-test';
export const REGION = 'eu-central-1';
export const NOW = new Date('2025-03-10T12:00:00.000Z');
export const SURVEY_ID = '0123456789abcdef0123456789abcdef';

export const documentClient = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: REGION }));
export const sfnClient = () => new SFNClient({ region: REGION });
export const sesClient = () => new SESv2Client({ region: REGION });

/** The real stores over a (mocked) document client: use cases are tested down to the SDK call. */
export const testStores = (tableName = TABLE) => dataStores({ db: documentClient(), tableName });
/** The real workflow port over a (mocked) SFN client. */
export const testWorkflow = () => stepFunctionsPort(sfnClient());

export const surveyItem = (overrides: Partial<Survey> = {}): Survey => ({
  surveyId: SURVEY_ID,
  source: 'generic',
  ticketId: 'T-1',
  ticketNumber: 'INC-1001',
  title: 'Payroll correction',
  requesterEmail: 'anna@example.com',
  requesterName: 'Anna',
  locale: 'en',
  businessUnit: { id: 'bu-fin', name: 'Finance' },
  service: { id: 'svc-payroll', name: 'Payroll' },
  resolvedAt: '2025-03-05T09:00:00.000Z',
  status: 'sent',
  createdAt: '2025-03-05T09:00:00.000Z',
  updatedAt: '2025-03-05T09:10:00.000Z',
  sentAt: '2025-03-05T09:10:00.000Z',
  closesAt: '2025-03-12T09:10:00.000Z',
  aggregateDay: '2025-03-05',
  aggregateDimension: 'bu-fin#svc-payroll',
  ...overrides,
});

export const followUpItem = (overrides: Partial<FollowUp> = {}): FollowUp => ({
  followUpId: SURVEY_ID,
  surveyId: SURVEY_ID,
  ticketId: 'T-1',
  ticketNumber: 'INC-1001',
  title: 'Payroll correction',
  requesterName: 'Anna',
  requesterEmail: 'anna@example.com',
  locale: 'en',
  score: 2,
  comment: 'Too slow',
  reasons: ['speed'],
  businessUnit: { id: 'bu-fin', name: 'Finance' },
  service: { id: 'svc-payroll', name: 'Payroll' },
  owner: { email: 'owner@example.com', name: 'Olga Owner' },
  escalation: { email: 'lead@example.com', name: 'Lena Lead' },
  status: 'open',
  openedAt: '2025-03-10T00:00:00.000Z',
  updatedAt: '2025-03-10T00:00:00.000Z',
  dueAt: '2025-03-12T00:00:00.000Z',
  aggregateDay: '2025-03-05',
  aggregateDimension: 'bu-fin#svc-payroll',
  ...overrides,
});

/** A code DynamoDB gives each item of a cancelled transaction. */
export type CancellationCode =
  'None' | 'ConditionalCheckFailed' | 'TransactionConflict' | 'ValidationError' | 'ThrottlingError';

/**
 * A cancelled TransactWriteItems as DynamoDB reports it: one reason per item, in order.
 * `transactionCanceled('ConditionalCheckFailed', 'None', 'None')` is a transaction of three
 * items whose first one failed its condition; no codes at all gives a bare cancellation.
 */
export const transactionCanceled = (...codes: CancellationCode[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: {},
    ...(codes.length > 0 ? { CancellationReasons: codes.map((Code) => ({ Code })) } : {}),
  });

interface UpdateLike {
  readonly UpdateExpression?: string | undefined;
  readonly ExpressionAttributeNames?: Record<string, string> | undefined;
  readonly ExpressionAttributeValues?: Record<string, unknown> | undefined;
}

/**
 * The counters an aggregate update adds, read back from its `ADD #cN :vN, …` clause:
 * `{ rated: 1, scoreSum: 4, d4: 1 }`. Empty when the update adds nothing.
 */
export const addedCounters = (update: UpdateLike | undefined): Record<string, unknown> => {
  if (!update) return {};
  const clause = update.UpdateExpression?.split(' ADD ')[1];
  if (!clause) return {};
  return Object.fromEntries(
    clause.split(',').map((pair) => {
      const [name = '', value = ''] = pair.trim().split(' ');
      return [
        update.ExpressionAttributeNames?.[name] ?? name,
        update.ExpressionAttributeValues?.[value],
      ];
    })
  );
};

interface ExpressionLike {
  readonly ExpressionAttributeNames?: Record<string, string> | undefined;
  readonly ExpressionAttributeValues?: Record<string, unknown> | undefined;
}

/**
 * An expression with its placeholders filled in: `#status IN (:v1, :v2)` reads
 * `status IN ("sent", "reminded")`, so a test asserts what a write means, not how its
 * placeholders happen to be numbered.
 */
export const readable = (expression: string | undefined, input: ExpressionLike) =>
  expression
    ?.replace(/#\w+/g, (name) => input.ExpressionAttributeNames?.[name] ?? name)
    .replace(/:\w+/g, (value) => JSON.stringify(input.ExpressionAttributeValues?.[value]));

/** Splits on commas outside parentheses (`a = b, c = if_not_exists(c, :v)`). */
const topLevelParts = (text: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
};

export interface DecodedUpdate {
  /** SET attributes and their values. */
  readonly set: Record<string, unknown>;
  /** SET … if_not_exists attributes and their values. */
  readonly setIfAbsent: Record<string, unknown>;
  readonly add: Record<string, unknown>;
  readonly remove: string[];
  /** The condition, readable (see `readable`). */
  readonly condition: string | undefined;
}

/** What an update (alone or in a transaction) does, read back from its expressions. */
export const decodeUpdate = (
  update: (UpdateLike & { readonly ConditionExpression?: string | undefined }) | undefined
): DecodedUpdate => {
  const names = update?.ExpressionAttributeNames ?? {};
  const values = update?.ExpressionAttributeValues ?? {};
  const decoded: DecodedUpdate = {
    set: {},
    setIfAbsent: {},
    add: {},
    remove: [],
    condition: readable(update?.ConditionExpression, update ?? {}),
  };
  const clauses = (update?.UpdateExpression ?? '').split(/ ?\b(?=SET |ADD |REMOVE )/);
  for (const clause of clauses) {
    const [keyword = '', ...rest] = clause.trim().split(' ');
    for (const part of topLevelParts(rest.join(' '))) {
      if (keyword === 'REMOVE') decoded.remove.push(names[part] ?? part);
      if (keyword === 'ADD') {
        const [name = '', value = ''] = part.split(' ');
        decoded.add[names[name] ?? name] = values[value];
      }
      if (keyword === 'SET') {
        const [name = '', expression = ''] = part.split(' = ');
        const absent = /^if_not_exists\(\S+, (:\w+)\)$/.exec(expression);
        if (absent) decoded.setIfAbsent[names[name] ?? name] = values[absent[1] ?? ''];
        else decoded.set[names[name] ?? name] = values[expression];
      }
    }
  }
  return decoded;
};

interface QueryLike extends ExpressionLike {
  readonly IndexName?: string | undefined;
  readonly KeyConditionExpression?: string | undefined;
}

/** The partition a query reads: the value its key condition compares the partition key with. */
export const partitionOf = (query: QueryLike): unknown => {
  const placeholder = /= (:\w+)/.exec(query.KeyConditionExpression ?? '')?.[1] ?? '';
  return query.ExpressionAttributeValues?.[placeholder];
};

/**
 * Every update a handler sent, alone or inside a transaction, in order: its key and what
 * it does (see `decodeUpdate`).
 */
export const sentUpdates = (
  ddb: AwsClientStub<DynamoDBDocumentClient>
): (DecodedUpdate & { readonly key: Record<string, unknown> | undefined })[] => [
  ...ddb
    .commandCalls(TransactWriteCommand)
    .flatMap((call) => call.args[0].input.TransactItems ?? [])
    .flatMap((item) => (item.Update ? [item.Update] : []))
    .map((update) => ({ key: update.Key, ...decodeUpdate(update) })),
  ...ddb
    .commandCalls(UpdateCommand)
    .map((call) => ({ key: call.args[0].input.Key, ...decodeUpdate(call.args[0].input) })),
];
