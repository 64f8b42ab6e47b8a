import { createHash, createHmac } from 'node:crypto';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { surveyIdFor } from '#functions/intake/ingest-ticket-event.service.ts';
import { deliveryKey, surveyKey } from '#shared/data/keys.ts';
import type { Source } from '#shared/kernel/sources.ts';
import {
  jiraAutomationPayload,
  jiraWebhookPayload,
  naumenPayload,
  servicenowPayload,
  zendeskPayload,
} from '../../fixtures/source-payloads.ts';
import { storedSurveyItem, SURVEY_ID } from '#test/helpers/ddb-fixtures.ts';
import { CSI_ARN, handlerOf, invoke, STACK_TRACE } from '#test/helpers/http-event.ts';
import {
  acceptWrites,
  existsAlready,
  putItems,
  answerOf,
  expectNothingWritten,
  issuePaths,
  mockWebhookClients,
  SOURCE_CREDENTIALS_ID,
  standardWebhookHeaders,
  stubWebhookEnv,
  webhookRequest,
} from '#test/helpers/webhook-fixtures.ts';

/** The time of every delivery: signatures are made, and judged, at it (set before the cases). */
const NOW = new Date('2026-11-26T10:00:00.000Z');
vi.useFakeTimers({ toFake: ['Date'] }).setSystemTime(NOW);
const SECRETS = {
  naumen: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
  servicenow: 'whsec_aGVsbG8tc2VydmljZW5vdy1zZWNyZXQtMzI=',
  jira: 'unit-jira-webhook-secret-0123456789abcdef',
  zendesk: 'dGhlLXplbmRlc2stc2lnbmluZy1zZWNyZXQtZm9yLXRlc3Rz',
};
const BEARER = 'jira-automation-bearer-token-0123456789abcdefghij';
const OTHER_SW_SECRET = `whsec_${Buffer.from('another-secret-of-32-bytes-long!').toString('base64')}`;
const credentials = {
  naumen: { secrets: [SECRETS.naumen] },
  servicenow: { secrets: [SECRETS.servicenow] },
  jira: { secrets: [SECRETS.jira], bearerTokens: [BEARER] },
  zendesk: { secrets: [SECRETS.zendesk] },
};
/**
 * An installation's overrides: a Jira site's own service field, Naumen's time zone; and no
 * send delay, so a resolution starts its workflow at once (the delay's schedule is tested on
 * the use case).
 */
const SETTINGS = {
  sendDelay: 'PT0S',
  sources: {
    jira: { fields: { 'service.name': ['issue.fields.issuetype.name'] } },
    naumen: { timeZone: 'Asia/Yekaterinburg' },
  },
};

const mocks = mockWebhookClients(() => JSON.stringify(credentials));
const { ddb, sfn, secrets } = mocks;
const handler = handlerOf(
  () => import('#functions/intake/receive-source-webhook.ts'),
  () => {
    stubWebhookEnv(SETTINGS);
  }
);
afterAll(() => {
  vi.useRealTimers();
});

const hubSignature = (body: string, secret = SECRETS.jira) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const zendeskHeaders = (body: string, { secret = SECRETS.zendesk, at = NOW } = {}) => {
  const timestamp = at.toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    'x-zendesk-webhook-invocation-id': 'zendesk-invocation-1',
    'x-zendesk-webhook-signature-timestamp': timestamp,
    'x-zendesk-webhook-signature': createHmac('sha256', secret)
      .update(timestamp + body)
      .digest('base64'),
  };
};

interface SourceCase {
  readonly source: Source;
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly deliveryId: string;
  readonly ticketId: string;
  readonly resolvedAt: string;
}

const naumenBody = JSON.stringify(naumenPayload('1001', 'a.petrova@corp.example.ru'));
const servicenowBody = JSON.stringify(servicenowPayload('9d385017', 'anna@example.com'));
const jiraBody = JSON.stringify(jiraWebhookPayload('10482', 'anna@example.com'));
const zendeskBody = JSON.stringify(zendeskPayload('35436', 'anna@example.com'));

/** Each source, natively shaped and natively signed. */
const deliveries: SourceCase[] = [
  {
    source: 'naumen',
    body: naumenBody,
    headers: standardWebhookHeaders(naumenBody, { secret: SECRETS.naumen, id: 'nsd-1' }),
    deliveryId: 'nsd-1',
    ticketId: 'serviceCall$1001',
    // Zone-less 12:34:56, read in the installation's Asia/Yekaterinburg (UTC+5).
    resolvedAt: '2026-11-26T07:34:56.000Z',
  },
  {
    source: 'servicenow',
    body: servicenowBody,
    headers: standardWebhookHeaders(servicenowBody, { secret: SECRETS.servicenow, id: 'sn-1' }),
    deliveryId: 'sn-1',
    ticketId: '9d385017',
    resolvedAt: '2026-11-26T09:34:56.000Z',
  },
  {
    source: 'jira',
    body: jiraBody,
    headers: {
      'x-hub-signature': hubSignature(jiraBody),
      'x-atlassian-webhook-identifier': 'atlassian-1',
    },
    deliveryId: 'atlassian-1',
    ticketId: '10482',
    resolvedAt: '2026-11-26T09:34:56.000Z',
  },
  {
    source: 'zendesk',
    body: zendeskBody,
    headers: zendeskHeaders(zendeskBody),
    deliveryId: 'zendesk-invocation-1',
    ticketId: '35436',
    resolvedAt: '2026-11-26T09:34:00.000Z',
  },
];

const post = (
  source: string,
  body: string,
  headers: Record<string, string>,
  options: { contentType?: string } = {}
) => invoke(handler, webhookRequest({ source }, body, headers, options));

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('Handler: receive-source-webhook', () => {
  describe.each(deliveries)('Source: $source', (c) => {
    it('answers 202, writes the survey under its delivery id and starts its workflow', async () => {
      // Prepare
      const surveyId = surveyIdFor(c.source, c.ticketId, c.resolvedAt);
      acceptWrites(mocks);

      // Act
      const response = await post(c.source, c.body, c.headers);

      // Assess
      expect(response.statusCode).toBe(202);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(answerOf(response)).toEqual({ surveyId, status: 'scheduled' });
      expect(putItems(mocks)).toEqual([
        expect.objectContaining({ ...deliveryKey(c.source, c.deliveryId), surveyId }),
        // The signed content's hash: a replay under another delivery id is a repeat too.
        expect.objectContaining({
          pk: expect.stringMatching(new RegExp(`^SIGNED#${c.source}#[0-9a-f]{64}$`)),
          surveyId,
        }),
        // The registry is empty: the survey is recorded under its unit's unassigned value.
        expect.objectContaining({
          pk: expect.stringMatching(new RegExp(`^UNASSIGNED#${c.source}#`)),
          surveyId,
        }),
        expect.objectContaining({
          ...surveyKey(surveyId),
          businessUnit: 'unassigned',
          source: c.source,
          ticketId: c.ticketId,
          resolvedAt: c.resolvedAt,
        }),
      ]);
      expect(sfn).toReceiveCommandWith(StartExecutionCommand, {
        stateMachineArn: CSI_ARN,
        name: surveyId,
      });
      expect(secrets).toReceiveCommandWith(GetSecretValueCommand, {
        SecretId: SOURCE_CREDENTIALS_ID,
      });
    });

    it('answers 200 duplicate and starts nothing for a repeated delivery', async () => {
      // Prepare
      ddb
        .on(PutCommand, { Item: deliveryKey(c.source, c.deliveryId) })
        .rejects(existsAlready({ ...deliveryKey(c.source, c.deliveryId), receivedAt: 'earlier' }));

      // Act
      const response = await post(c.source, c.body, c.headers);

      // Assess
      expect(response.statusCode).toBe(200);
      expect(answerOf(response)).toEqual({
        duplicate: true,
        surveyId: surveyIdFor(c.source, c.ticketId, c.resolvedAt),
      });
      expect(sfn).not.toReceiveCommand(StartExecutionCommand);
    });

    it('answers 401 and writes nothing for an unsigned delivery', async () => {
      // Act
      const response = await post(c.source, c.body, {});

      // Assess
      expect(response.statusCode).toBe(401);
      expect(answerOf(response)).toEqual({ message: 'invalid or missing signature' });
      expectNothingWritten(mocks);
    });
  });

  it.each([
    [
      'Standard Webhooks: another secret signed it',
      'naumen',
      naumenBody,
      standardWebhookHeaders(naumenBody, { secret: OTHER_SW_SECRET }),
    ],
    [
      'Standard Webhooks: the timestamp is stale',
      'servicenow',
      servicenowBody,
      standardWebhookHeaders(servicenowBody, {
        secret: SECRETS.servicenow,
        at: new Date(NOW.getTime() - 10 * 60_000),
      }),
    ],
    [
      'Standard Webhooks: the body changed after signing',
      'naumen',
      naumenBody.replace('482211', '482212'),
      standardWebhookHeaders(naumenBody, { secret: SECRETS.naumen }),
    ],
    [
      'X-Hub-Signature: another secret signed it',
      'jira',
      jiraBody,
      { 'x-hub-signature': hubSignature(jiraBody, 'not-the-jira-secret-0123456789') },
    ],
    [
      'X-Hub-Signature: Standard Webhooks headers instead',
      'jira',
      jiraBody,
      standardWebhookHeaders(jiraBody, { secret: SECRETS.naumen }),
    ],
    [
      'Zendesk HMAC: another secret signed it',
      'zendesk',
      zendeskBody,
      zendeskHeaders(zendeskBody, { secret: 'bm90LXRoZS16ZW5kZXNrLXNlY3JldA==' }),
    ],
    [
      'Zendesk HMAC: the timestamp is over 15 minutes old',
      'zendesk',
      zendeskBody,
      zendeskHeaders(zendeskBody, { at: new Date(NOW.getTime() - 16 * 60_000) }),
    ],
    [
      'bearer token: a wrong one',
      'jira',
      JSON.stringify(jiraAutomationPayload('10485', 'anna@example.com')),
      { authorization: 'Bearer not-the-token-0123456789abcdefghijklmnop' },
    ],
    [
      "bearer token: another source's",
      'zendesk',
      zendeskBody,
      { authorization: `Bearer ${BEARER}` },
    ],
  ])('answers 401 and writes nothing when %s', async (_case, source, body, headers) => {
    // Act
    const response = await post(source, body, headers);

    // Assess
    expect(response.statusCode).toBe(401);
    expect(answerOf(response)).toEqual({ message: 'invalid or missing signature' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expectNothingWritten(mocks);
  });

  it('answers 400 and writes nothing for a delivery id over 256 characters', async () => {
    // Prepare
    const headers = {
      'x-hub-signature': hubSignature(jiraBody),
      'x-atlassian-webhook-identifier': 'a'.repeat(257),
    };
    acceptWrites(mocks);

    // Act
    const response = await post('jira', jiraBody, headers);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(answerOf(response)).toEqual({
      message: 'the delivery id (x-atlassian-webhook-identifier) is longer than 256 characters',
    });
    expectNothingWritten(mocks);
  });

  it('answers 401 to a source that is not connected (no credentials set)', async () => {
    // Prepare
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ ...credentials, servicenow: {} }) });

    // Act
    const response = await post('servicenow', servicenowBody, deliveries[1]?.headers ?? {});

    // Assess
    expect(response.statusCode).toBe(401);
    expectNothingWritten(mocks);
  });

  it('answers 202 to the Jira Automation body with the bearer token, its hash the delivery id', async () => {
    // Prepare
    const body = JSON.stringify(jiraAutomationPayload('10485', 'anna@example.com'));
    acceptWrites(mocks);

    // Act
    const response = await post('jira', body, { authorization: `Bearer ${BEARER}` });

    // Assess
    expect(response.statusCode).toBe(202);
    expect(putItems(mocks)).toContainEqual(
      expect.objectContaining(deliveryKey('jira', sha256(body)))
    );
  });

  it('gives a reopening with no delivery id a stand-in of its own, and cancels the survey', async () => {
    // Prepare
    const body = JSON.stringify({
      ...jiraAutomationPayload('10485', 'anna@example.com'),
      type: 'ticket.reopened',
    });
    ddb.on(QueryCommand).resolves({ Items: [storedSurveyItem({ status: 'sent' })] });
    ddb.on(PutCommand).resolves({});
    ddb.on(UpdateCommand).resolves({ Attributes: { taskToken: 'task-token-1' } });
    sfn.on(SendTaskSuccessCommand).resolves({});

    // Act
    const response = await post('jira', body, { authorization: `Bearer ${BEARER}` });

    // Assess
    expect(response.statusCode).toBe(200);
    expect(answerOf(response)).toEqual({ cancelled: [SURVEY_ID] });
    expect(putItems(mocks)[0]).toMatchObject(
      deliveryKey('jira', `${sha256(body)}-${NOW.getTime()}`)
    );
    expect(sfn).toReceiveCommandWith(SendTaskSuccessCommand, { taskToken: 'task-token-1' });
  });

  it("maps with the installation's field override", async () => {
    // Prepare
    acceptWrites(mocks);
    const jira = deliveries[2];

    // Act
    const response = await post('jira', jiraBody, jira?.headers ?? {});

    // Assess
    expect(response.statusCode).toBe(202);
    expect(putItems(mocks)).toContainEqual(
      expect.objectContaining({ service: { id: '12', name: '[System] Service request' } })
    );
  });

  it.each([
    [
      'a Naumen state that is no resolution',
      'naumen',
      { data: { ...naumenPayload('1005', 'a@b.ru').data, state: 'inprogress' } },
      'state inprogress is not a resolution or a reopening',
    ],
    [
      'a Jira update without a resolution change',
      'jira',
      jiraWebhookPayload('10484', 'a@b.ru', 'comment'),
      'no resolution change in the changelog',
    ],
    [
      'a canceled ServiceNow incident',
      'servicenow',
      servicenowPayload('abc', 'a@b.ru', '6', { state: '8' }),
      'the incident was canceled',
    ],
  ])('answers 200 ignored and writes nothing for %s', async (_case, source, payload, reason) => {
    // Prepare
    const body = JSON.stringify(payload);
    const headers =
      source === 'jira'
        ? { 'x-hub-signature': hubSignature(body) }
        : standardWebhookHeaders(body, {
            secret: source === 'naumen' ? SECRETS.naumen : SECRETS.servicenow,
          });

    // Act
    const response = await post(source, body, headers);

    // Assess
    expect(response.statusCode).toBe(200);
    expect(answerOf(response)).toEqual({ ignored: reason });
    expectNothingWritten(mocks);
  });

  it('answers 200 with the cancelled surveys for a Zendesk reopening', async () => {
    // Prepare
    const body = JSON.stringify(zendeskPayload('35436', 'anna@example.com', 'Open'));
    ddb.on(QueryCommand).resolves({ Items: [storedSurveyItem({ status: 'scheduled' })] });
    ddb.on(PutCommand).resolves({});
    ddb.on(UpdateCommand).resolves({ Attributes: {} });

    // Act
    const response = await post('zendesk', body, zendeskHeaders(body));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(answerOf(response)).toEqual({ cancelled: [SURVEY_ID] });
  });

  it('answers 413 for a body over 256 KiB, before reading any credentials', async () => {
    // Prepare
    const body = JSON.stringify(
      naumenPayload('1001', 'a@b.ru', 'resolved', { note: 'x'.repeat(256 * 1024) })
    );

    // Act
    const response = await post(
      'naumen',
      body,
      standardWebhookHeaders(body, { secret: SECRETS.naumen })
    );

    // Assess
    expect(response.statusCode).toBe(413);
    expect(answerOf(response)).toEqual({ message: 'payload larger than 256 KiB' });
    expect(secrets).not.toReceiveAnyCommand();
    expectNothingWritten(mocks);
  });

  it('answers 415 for a signed text/plain body', async () => {
    // Act
    const response = await post('jira', jiraBody, deliveries[2]?.headers ?? {}, {
      contentType: 'text/plain',
    });

    // Assess
    expect(response.statusCode).toBe(415);
    expect(answerOf(response)).toEqual({
      message: 'the body must be JSON (content-type: application/json)',
    });
    expectNothingWritten(mocks);
  });

  it('answers 401, not 415, for an unsigned text/plain body', async () => {
    // Act
    const response = await post('jira', jiraBody, {}, { contentType: 'text/plain' });

    // Assess
    expect(response.statusCode).toBe(401);
  });

  it('answers 415 for a signed body that is not valid JSON', async () => {
    // Prepare
    const body = '{"ticket_id": 35436,';

    // Act
    const response = await post('zendesk', body, zendeskHeaders(body));

    // Assess
    expect(response.statusCode).toBe(415);
    expect(answerOf(response)).toEqual({ message: 'the body is not valid JSON' });
    expectNothingWritten(mocks);
  });

  it.each([
    [
      'naumen',
      { type: 'ticket.resolved', data: { number: 1 } },
      ['data.UUID', 'data.state', 'data.stateStartTime'],
    ],
    [
      'jira',
      { webhookEvent: 'jira:issue_updated', issue: { fields: {} } },
      ['issue.id', 'issue.key'],
    ],
    ['zendesk', { title: 'x' }, ['status', 'ticket_id', 'updated_at']],
  ])('answers 400 naming the fields a %s payload lacks', async (source, payload, missing) => {
    // Prepare
    const body = JSON.stringify(payload);
    const headers =
      source === 'naumen'
        ? standardWebhookHeaders(body, { secret: SECRETS.naumen })
        : source === 'jira'
          ? { 'x-hub-signature': hubSignature(body) }
          : zendeskHeaders(body);

    // Act
    const response = await post(source, body, headers);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(answerOf(response)).toMatchObject({ message: `not a ${source} ticket event` });
    expect(issuePaths(response)).toEqual(missing);
    expectNothingWritten(mocks);
  });

  it('answers 400 naming the native fields a wrong canonical value is read from', async () => {
    // Prepare
    const body = JSON.stringify(naumenPayload('1001', 'not-an-email'));

    // Act
    const response = await post(
      'naumen',
      body,
      standardWebhookHeaders(body, { secret: SECRETS.naumen })
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(answerOf(response)).toEqual({
      message: 'the naumen payload lacks what a survey needs',
      errors: [
        {
          path: 'requester.email',
          message: expect.any(String),
          from: ['data.clientEmail', 'data.clientEmployee.email'],
        },
      ],
    });
    expectNothingWritten(mocks);
  });

  it('answers 400 for a time it cannot read', async () => {
    // Prepare
    const body = JSON.stringify(
      zendeskPayload('35436', 'anna@example.com', 'Solved', { updated_at: 'soon' })
    );

    // Act
    const response = await post('zendesk', body, zendeskHeaders(body));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(answerOf(response)).toEqual({ message: 'not a time: soon' });
    expectNothingWritten(mocks);
  });

  it('answers 404 naming the sources for an unknown one, and reads no credentials', async () => {
    // Act
    const response = await post('bitrix', '{}', {});

    // Assess
    expect(response.statusCode).toBe(404);
    expect(answerOf(response)).toEqual({
      message: 'unknown source; one of naumen, jira, zendesk, servicenow',
    });
    expect(secrets).not.toReceiveAnyCommand();
  });

  it('disables only the source whose entry is malformed: 503 there, the others still answer', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({ ...credentials, naumen: { secrets: 'not-a-list' } }),
    });
    const jira = deliveries.find((d) => d.source === 'jira');
    if (!jira) throw new Error('no Jira delivery in the fixtures');

    // Act
    const refused = await post('naumen', naumenBody, deliveries[0]?.headers ?? {});

    // Assess
    expect(refused.statusCode).toBe(503);
    expect(answerOf(refused)).toEqual({
      message: 'the naumen source is disabled: its credentials are being fixed; retry later',
    });
    expect(refused.body).not.toMatch(STACK_TRACE);
    expectNothingWritten(mocks);

    // Act
    acceptWrites(mocks);
    const taken = await post('jira', jira.body, jira.headers);

    // Assess
    expect(taken.statusCode).toBe(202);
  });

  it('answers 503, never 500, to every source when the secret is no JSON at all', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretString: '{not json' });

    // Act
    const response = await post('naumen', naumenBody, deliveries[0]?.headers ?? {});

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.body).not.toMatch(STACK_TRACE);
    expectNothingWritten(mocks);
  });

  describe('the signed content of a delivery (issue 9, defect 5)', () => {
    const signedItemsOf = () =>
      putItems(mocks)
        .map((item): unknown => item.pk)
        .filter((pk): pk is string => typeof pk === 'string' && pk.startsWith('SIGNED#'));

    it('records the same hash for a signed Jira body under another identifier', async () => {
      // Prepare: the first delivery is taken; the replay finds its signed body recorded
      acceptWrites(mocks);
      const body = JSON.stringify(jiraWebhookPayload('10482', 'anna@example.com', 'reopened'));
      const headers = (id: string) => ({
        'x-hub-signature': hubSignature(body),
        'x-atlassian-webhook-identifier': id,
      });

      // Act
      await post('jira', body, headers('atlassian-1'));
      await post('jira', body, headers('atlassian-replayed'));

      // Assess: the body alone is signed, so the hash is the body's
      expect(signedItemsOf()).toEqual([
        `SIGNED#jira#${sha256(body)}`,
        `SIGNED#jira#${sha256(body)}`,
      ]);
    });

    it('answers a signed Jira reopening replayed under a new identifier 200 duplicate, cancelling nothing', async () => {
      // Prepare: the new delivery id is unknown, the signed body is known
      const body = JSON.stringify(jiraWebhookPayload('10482', 'anna@example.com', 'reopened'));
      ddb.on(PutCommand, { Item: { sk: 'DELIVERY' } }).resolves({});
      ddb
        .on(PutCommand, { Item: { sk: 'SIGNED' } })
        .rejects(existsAlready({ pk: `SIGNED#jira#${sha256(body)}`, sk: 'SIGNED' }));

      // Act
      const response = await post('jira', body, {
        'x-hub-signature': hubSignature(body),
        'x-atlassian-webhook-identifier': 'atlassian-replayed',
      });

      // Assess
      expect(response.statusCode).toBe(200);
      expect(answerOf(response)).toEqual({ duplicate: true });
      expect(ddb).not.toReceiveCommand(QueryCommand);
      expect(ddb).not.toReceiveCommand(UpdateCommand);
    });

    it('hashes the signed timestamp with the body for Zendesk', async () => {
      // Prepare
      acceptWrites(mocks);
      const headers = zendeskHeaders(zendeskBody);

      // Act
      await post('zendesk', zendeskBody, headers);

      // Assess
      expect(signedItemsOf()).toEqual([
        `SIGNED#zendesk#${sha256(headers['x-zendesk-webhook-signature-timestamp'] + zendeskBody)}`,
      ]);
    });

    it('records no signed content for a bearer token, which signs nothing', async () => {
      // Prepare
      acceptWrites(mocks);
      const body = JSON.stringify(jiraAutomationPayload('10482', 'anna@example.com'));

      // Act
      const response = await post('jira', body, { authorization: `Bearer ${BEARER}` });

      // Assess
      expect(response.statusCode).toBe(202);
      expect(signedItemsOf()).toEqual([]);
    });
  });
});
