import { SFNClient } from '@aws-sdk/client-sfn';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { responseKey, surveyKey, tokenKey } from '#shared/data/keys.ts';
import type { TokenRecord } from '#shared/data/token.ts';
import { hashToken, mintToken } from '#shared/kernel/tokens.ts';
import {
  NOW,
  sentUpdates,
  SURVEY_ID,
  surveyItem,
  transactionCanceled,
} from '#test/helpers/ddb-fixtures.ts';
import {
  httpEvent,
  invoke,
  STACK_TRACE,
  stubHandlerEnv,
  tokenItem,
  type Handler,
} from '../../helpers/http-event.ts';
import { writtenKeys } from '../../helpers/page-fixtures.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
let handler: Handler;

const TOKEN = mintToken();
const ratingLink = (overrides: Partial<TokenRecord> = {}): TokenRecord => ({
  kind: 'rating',
  subjectId: SURVEY_ID,
  validUntil: '2025-03-12T09:10:00.000Z',
  ...overrides,
});

beforeAll(async () => {
  stubHandlerEnv();
  ({ handler } = await import('#functions/csi/pages/show-rating-page.ts'));
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
});
afterEach(() => {
  vi.useRealTimers();
  ddb.reset();
  sfn.reset();
});

const givenLink = (record: TokenRecord = ratingLink(), survey = surveyItem()) => {
  ddb.on(GetCommand, { Key: tokenKey(hashToken(TOKEN)) }).resolves({
    Item: tokenItem(TOKEN, record),
  });
  ddb.on(GetCommand, { Key: surveyKey(SURVEY_ID) }).resolves({ Item: survey });
};

const pageRequest = ({
  method = 'GET',
  token = TOKEN,
  headers = {},
  query,
}: {
  method?: string;
  token?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
} = {}) =>
  httpEvent({
    method,
    routeKey: `${method} /r/{token}`,
    rawPath: `/r/${token}`,
    pathParameters: { token },
    headers: { accept: 'text/html', 'user-agent': 'Mozilla/5.0 (test)', ...headers },
    ...(query ? { query } : {}),
  });

describe('Handler: show-rating-page', () => {
  it('answers 200 with the rating form and a CSP that allows nothing by default', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(handler, pageRequest());

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).not.toContain('sandbox');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toContain('<form method="post">');
    expect(response.body).toContain('Request INC-1001');
    expect(response.body).toContain('Payroll correction');
    expect(response.body).not.toContain('<script');
  });

  it('reads the token by the hash of the link token', async () => {
    // Prepare
    givenLink();

    // Act
    await invoke(handler, pageRequest());

    // Assess
    expect(ddb).toReceiveCommandWith(GetCommand, {
      TableName: 'otklik-test',
      Key: { pk: `TOKEN#${hashToken(TOKEN)}`, sk: 'TOKEN' },
    });
  });

  it('records a GET as a click on the survey, never as a response', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(handler, pageRequest());

    // Assess
    expect(response.statusCode).toBe(200);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    expect(sentUpdates(ddb)).toContainEqual(
      expect.objectContaining({
        key: surveyKey(SURVEY_ID),
        set: expect.objectContaining({
          firstClickAt: NOW.toISOString(),
          lastClickUserAgent: 'Mozilla/5.0 (test)',
        }),
        condition: 'attribute_not_exists(firstClickAt)',
      })
    );
    expect(writtenKeys(ddb)).toContainEqual(surveyKey(SURVEY_ID));
    expect(writtenKeys(ddb).filter((key) => key.sk === 'RESPONSE')).toEqual([]);
  });

  it('counts a repeated click with a plain update', async () => {
    // Prepare
    givenLink();
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None'));
    ddb.on(UpdateCommand).resolves({});

    // Act
    const response = await invoke(handler, pageRequest());

    // Assess
    expect(response.statusCode).toBe(200);
    expect(ddb).toReceiveCommandWith(UpdateCommand, { Key: surveyKey(SURVEY_ID) });
    expect(sentUpdates(ddb).at(-1)).toMatchObject({
      key: surveyKey(SURVEY_ID),
      set: { lastClickAt: NOW.toISOString(), lastClickUserAgent: 'Mozilla/5.0 (test)' },
      add: { clickCount: 1 },
    });
    expect(writtenKeys(ddb).filter((key) => key.sk === 'RESPONSE')).toEqual([]);
  });

  it('pre-selects the score of the mail link without recording it', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(handler, pageRequest({ query: { score: '4' } }));

    // Assess
    expect(response.body).toMatch(/id="score-4"\s+value="4"\s+checked/);
    expect(response.body).not.toMatch(/id="score-3"\s+value="3"\s+checked/);
    expect(writtenKeys(ddb).filter((key) => key.sk === 'RESPONSE')).toEqual([]);
  });

  it('shows the earlier answer of a rated survey', async () => {
    // Prepare
    givenLink(ratingLink(), surveyItem({ status: 'rated', score: 2 }));
    ddb.on(GetCommand, { Key: responseKey(SURVEY_ID) }).resolves({
      Item: {
        ...responseKey(SURVEY_ID),
        surveyId: SURVEY_ID,
        score: 2,
        reasons: ['speed'],
        comment: 'Took <b>ages</b>',
        submittedAt: '2025-03-06T10:00:00.000Z',
        revision: 0,
      },
    });

    // Act
    const response = await invoke(handler, pageRequest());

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/id="score-2"\s+value="2"\s+checked/);
    expect(response.body).toMatch(/value="speed"\s+checked/);
    expect(response.body).toContain('Took &lt;b&gt;ages&lt;/b&gt;');
  });

  it('answers HEAD with 200, an empty body, and writes nothing', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(handler, pageRequest({ method: 'HEAD' }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
    expect(ddb).not.toReceiveCommand(UpdateCommand);
    expect(ddb).not.toReceiveCommand(PutCommand);
  });

  it('answers JSON when the client accepts application/json', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(
      handler,
      pageRequest({ headers: { accept: 'application/json' }, query: { score: '5' } })
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual({
      ticketNumber: 'INC-1001',
      title: 'Payroll correction',
      score: 5,
      status: 'sent',
    });
  });

  it('answers 404 for an unknown token and writes nothing', async () => {
    // Prepare: no item for the token key

    // Act
    const response = await invoke(handler, pageRequest({ headers: { 'accept-language': 'en' } }));

    // Assess
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('Link not found');
    expect(response.body).not.toMatch(STACK_TRACE);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers 404 in the default language when the browser names none', async () => {
    // Act
    const response = await invoke(handler, pageRequest());

    // Assess
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Ссылка не найдена');
  });

  it('answers 404 without reading the table for a malformed token', async () => {
    // Act
    const response = await invoke(handler, pageRequest({ token: 'not-a-token' }));

    // Assess
    expect(response.statusCode).toBe(404);
    expect(ddb).not.toReceiveCommand(GetCommand);
  });

  it('answers 404 for a token of another kind', async () => {
    // Prepare
    givenLink(ratingLink({ kind: 'unsubscribe' }));

    // Act
    const response = await invoke(handler, pageRequest());

    // Assess
    expect(response.statusCode).toBe(404);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers 404 as JSON when the client accepts application/json', async () => {
    // Act
    const response = await invoke(
      handler,
      pageRequest({ headers: { accept: 'application/json' } })
    );

    // Assess
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ message: 'Not Found' });
  });

  it('answers 410 when the token is past its validUntil', async () => {
    // Prepare
    givenLink(ratingLink({ validUntil: '2025-03-10T11:59:59.000Z' }));

    // Act
    const response = await invoke(handler, pageRequest({ headers: { 'accept-language': 'en' } }));

    // Assess
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain('This survey has closed');
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers 410 when the survey no longer takes ratings', async () => {
    // Prepare
    givenLink(ratingLink(), surveyItem({ status: 'expired' }));

    // Act
    const response = await invoke(handler, pageRequest());

    // Assess
    expect(response.statusCode).toBe(410);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers HEAD with 410 for an expired token', async () => {
    // Prepare
    givenLink(ratingLink({ validUntil: '2025-03-01T00:00:00.000Z' }));

    // Act
    const response = await invoke(handler, pageRequest({ method: 'HEAD' }));

    // Assess
    expect(response.statusCode).toBe(410);
  });

  it('answers 500 with an error page and no stack trace when the table fails', async () => {
    // Prepare
    const failure = new Error('DynamoDB is down: secret detail');
    ddb.on(GetCommand).rejects(failure);

    // Act
    const response = await invoke(handler, pageRequest({ headers: { 'accept-language': 'en' } }));

    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('Something went wrong');
    expect(response.body).not.toContain('secret detail');
    expect(response.body).not.toMatch(STACK_TRACE);
  });
});
