import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { dataStores } from '#shared/data/data-stores.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { followUpKey, responseKey, surveyKey } from '#shared/data/keys.ts';
import type { SurveyResponse } from '#shared/data/response.ts';
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
/**
 * What the use cases take, each a part: the real stores and workflow port over the mocked
 * clients, and a clock that stands at `now`.
 */
export const testDeps = ({
  now = NOW,
  tableName = TABLE,
}: { now?: Date; tableName?: string } = {}) => ({
  ...testStores(tableName),
  workflow: testWorkflow(),
  now: () => now,
});

export const surveyItem = (overrides: Partial<Survey> = {}): Survey => ({
  surveyId: SURVEY_ID,
  source: 'generic',
  ticketId: 'T-1',
  ticketNumber: 'INC-1001',
  title: 'Payroll correction',
  requesterEmail: 'anna@example.com',
  requesterName: 'Anna',
  locale: 'en',
  businessUnit: 'bu-fin',
  businessUnitRaw: { id: 'bu-fin', name: 'Finance' },
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
  businessUnit: 'bu-fin',
  businessUnitRaw: { id: 'bu-fin', name: 'Finance' },
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

/** The stored response of SURVEY_ID (keys included): a first rating unless `revision` says otherwise. */
export const responseItem = (overrides: Partial<SurveyResponse> = {}) => ({
  ...responseKey(SURVEY_ID),
  surveyId: SURVEY_ID,
  score: 2,
  reasons: [],
  comment: '',
  submittedAt: '2025-03-06T10:00:00.000Z',
  revision: 0,
  ...overrides,
});

/**
 * The item under `key` as successive reads find it: each version but the last once, the
 * last from then on (`givenStored(ddb, key, open, resolved)`); no version, no item.
 */
export const givenStored = (
  ddb: AwsClientStub<DynamoDBDocumentClient>,
  key: Record<string, string>,
  ...versions: object[]
): void => {
  let stub = ddb.on(GetCommand, { Key: key });
  for (const version of versions.slice(0, -1)) stub = stub.resolvesOnce({ Item: version });
  const last = versions.at(-1);
  stub.resolves(last ? { Item: last } : {});
};

/** A survey as the table (and so an index query) holds it: with its primary key. */
export const storedSurveyItem = (overrides: Partial<Survey> = {}) => ({
  ...surveyKey(overrides.surveyId ?? SURVEY_ID),
  ...surveyItem(overrides),
});

/** A case as the table (and so an index query) holds it: with its primary key. */
export const storedFollowUpItem = (overrides: Partial<FollowUp> = {}) => ({
  ...followUpKey(overrides.followUpId ?? SURVEY_ID),
  ...followUpItem(overrides),
});
