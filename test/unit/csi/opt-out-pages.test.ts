import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { personKey, surveyKey, tokenKey } from '#shared/data/keys.ts';
import type { TokenRecord } from '#shared/data/token.ts';
import type { Survey } from '#shared/data/survey.ts';
import { emailKey, hashToken, mintToken } from '#shared/kernel/tokens.ts';
import { NOW, sentUpdates, SURVEY_ID, surveyItem } from '#test/helpers/ddb-fixtures.ts';
import {
  httpEvent,
  invoke,
  STACK_TRACE,
  stubHandlerEnv,
  tokenItem,
  type Handler,
} from '../../helpers/http-event.ts';

const ddb = mockClient(DynamoDBDocumentClient);
let showOptOutPage: Handler;
let confirmOptOut: Handler;

const TOKEN = mintToken();
const optOutLink = (overrides: Partial<TokenRecord> = {}): TokenRecord => ({
  kind: 'unsubscribe',
  subjectId: SURVEY_ID,
  validUntil: '2025-06-01T00:00:00.000Z',
  ...overrides,
});

beforeAll(async () => {
  stubHandlerEnv();
  ({ handler: showOptOutPage } = await import('#functions/csi/pages/show-opt-out-page.ts'));
  ({ handler: confirmOptOut } = await import('#functions/csi/pages/confirm-opt-out.ts'));
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  ddb.on(GetCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
});
afterEach(() => {
  vi.useRealTimers();
  ddb.reset();
});

const givenLink = (record: TokenRecord = optOutLink(), survey: Survey = surveyItem()) => {
  ddb.on(GetCommand, { Key: tokenKey(hashToken(TOKEN)) }).resolves({
    Item: tokenItem(TOKEN, record),
  });
  ddb.on(GetCommand, { Key: surveyKey(SURVEY_ID) }).resolves({ Item: survey });
};

const optOutRequest = (
  method: 'GET' | 'POST',
  { headers = {}, body }: { headers?: Record<string, string>; body?: string } = {}
) =>
  httpEvent({
    method,
    routeKey: `${method} /u/{token}`,
    rawPath: `/u/${TOKEN}`,
    pathParameters: { token: TOKEN },
    headers: { accept: 'text/html', ...headers },
    ...(body === undefined ? {} : { body }),
  });

const oneClick = (headers: Record<string, string> = {}) =>
  optOutRequest('POST', {
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: 'List-Unsubscribe=One-Click',
  });

const expectNoWrites = () => {
  expect(ddb).not.toReceiveCommand(UpdateCommand);
  expect(ddb).not.toReceiveCommand(PutCommand);
  expect(ddb).not.toReceiveCommand(TransactWriteCommand);
};

describe('Handler: show-opt-out-page', () => {
  it('answers 200 with a confirmation form in the survey language and writes nothing', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(showOptOutPage, optOutRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('Unsubscribe from surveys');
    expect(response.body).toContain('<form method="post">');
    expect(response.body).toContain('name="confirm" value="yes"');
    expectNoWrites();
  });

  it('answers in Russian for a Russian survey', async () => {
    // Prepare
    givenLink(optOutLink(), surveyItem({ locale: 'ru' }));

    // Act
    const response = await invoke(showOptOutPage, optOutRequest('GET'));

    // Assess
    expect(response.body).toContain('<html lang="ru">');
    expect(response.body).toContain('Отписаться от опросов');
  });

  it('answers 404 for an unknown token', async () => {
    // Act
    const response = await invoke(
      showOptOutPage,
      optOutRequest('GET', { headers: { 'accept-language': 'en-US,en;q=0.8' } })
    );

    // Assess
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Link not found');
    expectNoWrites();
  });

  it('answers 404 for a rating token', async () => {
    // Prepare
    givenLink(optOutLink({ kind: 'rating' }));

    // Act
    const response = await invoke(showOptOutPage, optOutRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(404);
  });

  it('answers 410 when the token is past its validUntil', async () => {
    // Prepare
    givenLink(optOutLink({ validUntil: '2025-03-01T00:00:00.000Z' }));

    // Act
    const response = await invoke(showOptOutPage, optOutRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(410);
    expectNoWrites();
  });
});

describe('Handler: confirm-opt-out', () => {
  it('records a one-click opt-out on the person and answers the done page', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(confirmOptOut, oneClick());

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('You are unsubscribed');
    expect(ddb).toReceiveCommandTimes(UpdateCommand, 1);
    expect(ddb).toReceiveCommandWith(UpdateCommand, {
      TableName: 'otklik-test',
      Key: personKey(emailKey('anna@example.com')),
    });
    expect(sentUpdates(ddb)).toEqual([
      expect.objectContaining({
        key: personKey(emailKey('anna@example.com')),
        set: {},
        setIfAbsent: { optedOutAt: NOW.toISOString() },
      }),
    ]);
  });

  it('keys the person by the hash of the address, never the address', async () => {
    // Prepare
    givenLink(optOutLink(), surveyItem({ requesterEmail: 'Anna@Example.com ' }));

    // Act
    await invoke(confirmOptOut, oneClick());

    // Assess
    const key = ddb.commandCalls(UpdateCommand)[0]?.args[0].input.Key;
    expect(key).toEqual({ pk: `PERSON#${emailKey('anna@example.com')}`, sk: 'PROFILE' });
    expect(JSON.stringify(key)).not.toContain('example.com');
  });

  it('records the opt-out from the confirmation form too', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(
      confirmOptOut,
      optOutRequest('POST', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'confirm=yes',
      })
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(ddb).toReceiveCommandWith(UpdateCommand, {
      Key: personKey(emailKey('anna@example.com')),
    });
  });

  it('answers JSON when the client accepts application/json', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(confirmOptOut, oneClick({ accept: 'application/json' }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ optedOut: true });
  });

  it('answers the done page without a write when the survey has no address', async () => {
    // Prepare
    givenLink(optOutLink(), surveyItem({ requesterEmail: null }));

    // Act
    const response = await invoke(confirmOptOut, oneClick());

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('You are unsubscribed');
    expectNoWrites();
  });

  it('answers 404 for an unknown token and writes nothing', async () => {
    // Act
    const response = await invoke(confirmOptOut, oneClick());

    // Assess
    expect(response.statusCode).toBe(404);
    expectNoWrites();
  });

  it('answers 410 when the token is past its validUntil and writes nothing', async () => {
    // Prepare
    givenLink(optOutLink({ validUntil: '2025-03-10T11:00:00.000Z' }));

    // Act
    const response = await invoke(confirmOptOut, oneClick());

    // Assess
    expect(response.statusCode).toBe(410);
    expectNoWrites();
  });

  it('answers 500 with an error page and no stack trace when the write fails', async () => {
    // Prepare
    givenLink();
    ddb.on(UpdateCommand).rejects(new Error('update failed: internal detail'));

    // Act
    const response = await invoke(confirmOptOut, oneClick());

    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('internal detail');
    expect(response.body).not.toMatch(STACK_TRACE);
  });
});
