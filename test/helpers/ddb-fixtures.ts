import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FollowUp } from '#shared/data/follow-up.ts';
import type { Survey } from '#shared/data/survey.ts';

/** Shared builders for the unit tests of the CSI loop (not a test file itself). */
export const TABLE = 'otklik-test';
export const REGION = 'eu-central-1';
export const NOW = new Date('2025-03-10T12:00:00.000Z');
export const SURVEY_ID = '0123456789abcdef0123456789abcdef';

export const documentClient = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: REGION }));
export const sfnClient = () => new SFNClient({ region: REGION });
export const sesClient = () => new SESv2Client({ region: REGION });

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
