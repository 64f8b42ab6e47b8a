import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { followUpKey, tokenKey } from '#shared/data/keys.ts';
import type { TokenRecord } from '#shared/data/token.ts';
import { hashToken, mintToken } from '#shared/kernel/tokens.ts';
import {
  followUpItem,
  NOW,
  sentUpdates,
  SURVEY_ID,
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

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const ses = mockClient(SESv2Client);
let showCasePage: Handler;
let submitCasePage: Handler;

const TOKEN = mintToken();
const FORM = 'application/x-www-form-urlencoded';
const VALID_FORM =
  'rootCause=process&correctiveAction=Retrained+the+payroll+team&notifyRequester=yes&messageToRequester=We+fixed+it';
const caseLink = (overrides: Partial<TokenRecord> = {}): TokenRecord => ({
  kind: 'case',
  subjectId: SURVEY_ID,
  validUntil: '2025-04-09T00:00:00.000Z',
  ...overrides,
});

beforeAll(async () => {
  stubHandlerEnv();
  ({ handler: showCasePage } = await import('#functions/follow-up/pages/show-case-page.ts'));
  ({ handler: submitCasePage } = await import('#functions/follow-up/pages/submit-case-page.ts'));
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  ddb.on(GetCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  sfn.on(SendTaskSuccessCommand).resolves({});
});
afterEach(() => {
  vi.useRealTimers();
  ddb.reset();
  sfn.reset();
  ses.reset();
});

const givenLink = (
  record: TokenRecord = caseLink(),
  followUp: FollowUp = followUpItem({ taskToken: 'case-task-token' })
) => {
  ddb.on(GetCommand, { Key: tokenKey(hashToken(TOKEN)) }).resolves({
    Item: tokenItem(TOKEN, record),
  });
  ddb.on(GetCommand, { Key: followUpKey(SURVEY_ID) }).resolves({ Item: followUp });
};

const caseRequest = (
  method: 'GET' | 'POST',
  { body, headers = {} }: { body?: string; headers?: Record<string, string> } = {}
) =>
  httpEvent({
    method,
    routeKey: `${method} /f/{token}`,
    rawPath: `/f/${TOKEN}`,
    pathParameters: { token: TOKEN },
    headers: {
      accept: 'text/html',
      ...(method === 'POST' ? { 'content-type': FORM } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body }),
  });

const expectNoWrites = () => {
  expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  expect(ddb).not.toReceiveCommand(UpdateCommand);
  expect(ddb).not.toReceiveCommand(PutCommand);
};

describe('Handler: show-case-page', () => {
  it('answers 200 with the case and the resolution form, writing nothing', async () => {
    // Prepare
    givenLink(caseLink(), followUpItem({ comment: 'Took <i>two weeks</i>' }));

    // Act
    const response = await invoke(showCasePage, caseRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('Low rating follow-up');
    expect(response.body).toContain('Request INC-1001');
    expect(response.body).toContain('<dd>2</dd>');
    expect(response.body).toContain('Took &lt;i&gt;two weeks&lt;/i&gt;');
    expect(response.body).toContain('<dd>Speed</dd>');
    expect(response.body).toContain('2025-03-12 00:00 UTC');
    expect(response.body).toContain('name="correctiveAction"');
    expectNoWrites();
  });

  it('answers the resolved page for a resolved case', async () => {
    // Prepare
    givenLink(caseLink(), followUpItem({ status: 'resolved' }));

    // Act
    const response = await invoke(showCasePage, caseRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Case resolved');
    expect(response.body).not.toContain('<form');
  });

  it('answers 404 for an unknown token', async () => {
    // Act
    const response = await invoke(
      showCasePage,
      caseRequest('GET', { headers: { 'accept-language': 'en' } })
    );

    // Assess
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Link not found');
    expect(response.body).not.toMatch(STACK_TRACE);
  });

  it('answers 404 for a rating token on a case route', async () => {
    // Prepare
    givenLink(caseLink({ kind: 'rating' }));

    // Act
    const response = await invoke(showCasePage, caseRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(404);
  });

  it('answers 410 when the case link is past its validUntil', async () => {
    // Prepare
    givenLink(caseLink({ validUntil: '2025-03-10T00:00:00.000Z' }));

    // Act
    const response = await invoke(showCasePage, caseRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(410);
  });

  it('answers an error page without a stack trace when the case behind a link is missing', async () => {
    // Prepare
    ddb.on(GetCommand, { Key: tokenKey(hashToken(TOKEN)) }).resolves({
      Item: tokenItem(TOKEN, caseLink()),
    });

    // Act
    const response = await invoke(showCasePage, caseRequest('GET'));

    // Assess
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.body).not.toContain('<form');
    expect(response.body).not.toContain(SURVEY_ID);
    expect(response.body).not.toMatch(STACK_TRACE);
  });
});

describe('Handler: submit-case-page', () => {
  it('resolves the case in one transaction and answers the resolved page', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Case resolved');
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    expect(sentUpdates(ddb)).toContainEqual(
      expect.objectContaining({
        key: followUpKey(SURVEY_ID),
        set: expect.objectContaining({
          status: 'resolved',
          rootCause: 'process',
          correctiveAction: 'Retrained the payroll team',
          notifyRequester: true,
          messageToRequester: 'We fixed it',
          resolvedBy: 'owner@example.com',
          resolvedAt: NOW.toISOString(),
        }),
        condition: 'status IN ("open", "overdue")',
      })
    );
  });

  it('releases the waiting case workflow', async () => {
    // Prepare
    givenLink();

    // Act
    await invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }));

    // Assess
    expect(sfn).toReceiveCommandWith(SendTaskSuccessCommand, {
      taskToken: 'case-task-token',
      output: JSON.stringify({ resolved: true }),
    });
  });

  it('takes an unticked notify box as no closing mail', async () => {
    // Prepare
    givenLink();

    // Act
    await invoke(
      submitCasePage,
      caseRequest('POST', { body: 'rootCause=system&correctiveAction=Fixed+the+export' })
    );

    // Assess
    expect(sentUpdates(ddb)).toContainEqual(
      expect.objectContaining({
        key: followUpKey(SURVEY_ID),
        set: expect.objectContaining({ notifyRequester: false, messageToRequester: '' }),
      })
    );
  });

  it('answers 400 with the form again when correctiveAction is missing', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(
      submitCasePage,
      caseRequest('POST', { body: 'rootCause=process&notifyRequester=yes' })
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('Low rating follow-up');
    expect(response.body).toContain('name="correctiveAction"');
    expect(response.body).toMatch(/<li>correctiveAction: [^<]+<\/li>/);
    expectNoWrites();
    expect(sfn).not.toReceiveAnyCommand();
  });

  it('answers 400 for a blank correctiveAction and an unknown root cause', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(
      submitCasePage,
      caseRequest('POST', { body: 'rootCause=bad-luck&correctiveAction=+++' })
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/<li>rootCause: [^<]+<\/li>/);
    expect(response.body).toMatch(/<li>correctiveAction: [^<]+<\/li>/);
    expectNoWrites();
  });

  it('answers the resolved page when the case was resolved meanwhile', async () => {
    // Prepare
    givenLink();
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None'));

    // Act
    const response = await invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Case resolved');
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
  });

  it('answers 404 for an unknown token and writes nothing', async () => {
    // Act
    const response = await invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }));

    // Assess
    expect(response.statusCode).toBe(404);
    expectNoWrites();
  });

  it('answers 410 when the case link is past its validUntil and writes nothing', async () => {
    // Prepare
    givenLink(caseLink({ validUntil: '2025-03-01T00:00:00.000Z' }));

    // Act
    const response = await invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }));

    // Assess
    expect(response.statusCode).toBe(410);
    expectNoWrites();
  });

  it('answers 500 with an error page and no stack trace when the write fails', async () => {
    // Prepare
    givenLink();
    ddb.on(TransactWriteCommand).rejects(new Error('write failed: internal detail'));

    // Act
    const response = await invoke(
      submitCasePage,
      caseRequest('POST', { body: VALID_FORM, headers: { 'accept-language': 'en' } })
    );

    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('Something went wrong');
    expect(response.body).not.toContain('internal detail');
    expect(response.body).not.toMatch(STACK_TRACE);
  });
});
