import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { surveyIdFor } from '#functions/intake/ingest-ticket-event.service.ts';
import { deliveryKey, surveyKey } from '#shared/data/keys.ts';
import { storedSurveyItem, SURVEY_ID } from '#test/helpers/ddb-fixtures.ts';
import { CSI_ARN, handlerOf, invoke, SECRET_ID, STACK_TRACE } from '#test/helpers/http-event.ts';
import { conditionFailed } from '#test/helpers/sdk-errors.ts';
import {
  acceptWrites,
  existsAlready,
  putItems,
  expectNothingWritten,
  issuePaths,
  mockWebhookClients,
  standardWebhookHeaders,
  stubWebhookEnv,
  webhookRequest as request,
} from '#test/helpers/webhook-fixtures.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER_SECRET = `whsec_${Buffer.from('another-secret-of-32-bytes-long!').toString('base64')}`;
const WEBHOOK_ID = 'msg_2mVPLVsGr5M1Ob7n7Bp1sYpIuxN';
const RESOLVED_AT = '2025-03-10T11:50:00Z';

const mocks = mockWebhookClients(() => SECRET);
const { ddb, sfn, secrets } = mocks;
const handler = handlerOf(
  () => import('#functions/intake/receive-generic-webhook.ts'),
  () => {
    stubWebhookEnv();
  }
);

const resolvedEvent = (overrides: Record<string, unknown> = {}) => ({
  eventType: 'ticket.resolved',
  ticketId: 'T-1',
  ticketNumber: 'INC-1001',
  title: 'Payroll correction',
  requester: { email: 'Anna@Example.com', name: 'Anna', locale: 'en-GB' },
  businessUnit: { id: 'bu-fin', name: 'Finance' },
  service: { id: 'svc-payroll', name: 'Payroll' },
  resolvedAt: RESOLVED_AT,
  ...overrides,
});

/** Standard Webhooks headers signing `body` (with our secret unless told otherwise). */
const signed = (body: string, { secret = SECRET, at = new Date(), id = WEBHOOK_ID } = {}) =>
  standardWebhookHeaders(body, { secret, at, id });

const webhookRequest = (
  body: string,
  headers: Record<string, string>,
  options: { isBase64Encoded?: boolean; contentType?: string } = {}
) => request('generic', body, headers, options);

describe('Handler: receive-generic-webhook', () => {
  it('answers 202, writes the survey with the delivery id and starts its workflow', async () => {
    // Prepare
    const body = JSON.stringify(resolvedEvent());
    const surveyId = surveyIdFor('generic', 'T-1', RESOLVED_AT);
    acceptWrites(mocks);

    // Act
    const response = await invoke(handler, webhookRequest(body, signed(body)));

    // Assess
    expect(response.statusCode).toBe(202);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual({ surveyId, status: 'scheduled' });
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
    // The delivery id, then the survey. No record of the signed content's hash: it begins
    // with the signed webhook-id, so a replay of it comes with a delivery id already known.
    // The registry is empty: the survey is recorded under its unit's unassigned value first.
    expect(putItems(mocks)).toEqual([
      expect.objectContaining({ ...deliveryKey('generic', WEBHOOK_ID), surveyId }),
      expect.objectContaining({ pk: 'UNASSIGNED#generic#bu-fin', surveyId }),
      expect.objectContaining({
        businessUnit: 'unassigned',
        businessUnitRaw: { id: 'bu-fin', name: 'Finance' },
        ...surveyKey(surveyId),
        status: 'scheduled',
        requesterEmail: 'anna@example.com',
        locale: 'en',
        resolvedAt: '2025-03-10T11:50:00.000Z',
      }),
    ]);
    expect(sfn).toReceiveCommandWith(StartExecutionCommand, {
      stateMachineArn: CSI_ARN,
      name: surveyId,
    });
  });

  it('answers 200 duplicate and starts nothing for a reused delivery id', async () => {
    // Prepare
    const body = JSON.stringify(resolvedEvent());
    ddb
      .on(PutCommand, { Item: deliveryKey('generic', WEBHOOK_ID) })
      .rejects(existsAlready({ ...deliveryKey('generic', WEBHOOK_ID), receivedAt: 'earlier' }));

    // Act
    const response = await invoke(handler, webhookRequest(body, signed(body)));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      duplicate: true,
      surveyId: surveyIdFor('generic', 'T-1', RESOLVED_AT),
    });
    expect(sfn).not.toReceiveCommand(StartExecutionCommand);
  });

  it('answers 200 duplicate and makes sure the workflow runs when the survey exists', async () => {
    // Prepare
    const body = JSON.stringify(resolvedEvent());
    const surveyId = surveyIdFor('generic', 'T-1', RESOLVED_AT);
    ddb.on(PutCommand, { Item: deliveryKey('generic', WEBHOOK_ID) }).resolves({});
    ddb.on(PutCommand, { Item: surveyKey(surveyId) }).rejects(conditionFailed());
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:execution' });

    // Act
    const response = await invoke(handler, webhookRequest(body, signed(body)));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ duplicate: true, surveyId });
    expect(sfn).toReceiveCommandWith(StartExecutionCommand, { name: surveyId });
  });

  it('answers 200 with the cancelled surveys for a reopened ticket', async () => {
    // Prepare
    const body = JSON.stringify({
      eventType: 'ticket.reopened',
      ticketId: 'T-1',
      requester: { email: null },
    });
    ddb.on(PutCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [storedSurveyItem({ status: 'sent' })] });
    ddb.on(UpdateCommand).resolves({ Attributes: { taskToken: 'task-token-1' } });
    sfn.on(SendTaskSuccessCommand).resolves({});

    // Act
    const response = await invoke(handler, webhookRequest(body, signed(body)));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ cancelled: [SURVEY_ID] });
    expect(sfn).toReceiveCommandWith(SendTaskSuccessCommand, {
      taskToken: 'task-token-1',
      output: JSON.stringify({ outcome: 'cancelled' }),
    });
  });

  it('accepts signature headers in any letter case', async () => {
    // Prepare
    const body = JSON.stringify(resolvedEvent());
    const headers = signed(body);
    acceptWrites(mocks);

    // Act
    const response = await invoke(
      handler,
      webhookRequest(body, {
        'Webhook-Id': headers['webhook-id'] ?? '',
        'Webhook-Timestamp': headers['webhook-timestamp'] ?? '',
        'Webhook-Signature': headers['webhook-signature'] ?? '',
      })
    );

    // Assess
    expect(response.statusCode).toBe(202);
  });

  it('verifies a base64-encoded body on its decoded bytes', async () => {
    // Prepare
    const body = JSON.stringify(resolvedEvent({ title: 'Зарплата — перерасчёт' }));
    const encoded = Buffer.from(body, 'utf8').toString('base64');
    acceptWrites(mocks);

    // Act
    const response = await invoke(
      handler,
      webhookRequest(encoded, signed(body), { isBase64Encoded: true })
    );

    // Assess
    expect(response.statusCode).toBe(202);
    expect(putItems(mocks)).toContainEqual(
      expect.objectContaining({ title: 'Зарплата — перерасчёт' })
    );
  });

  it('answers 401 for a base64-encoded body signed as its encoded text', async () => {
    // Prepare
    const encoded = Buffer.from(JSON.stringify(resolvedEvent())).toString('base64');

    // Act
    const response = await invoke(
      handler,
      webhookRequest(encoded, signed(encoded), { isBase64Encoded: true })
    );

    // Assess
    expect(response.statusCode).toBe(401);
    expectNothingWritten(mocks);
  });

  it.each([
    [
      'the signature headers are missing',
      (body: string) => {
        const headers = signed(body);
        delete headers['webhook-signature'];
        return headers;
      },
    ],
    ['another secret signed it', (body: string) => signed(body, { secret: OTHER_SECRET })],
    [
      'the timestamp is stale',
      (body: string) => signed(body, { at: new Date(Date.now() - 10 * 60_000) }),
    ],
    [
      'the body changed after signing',
      (body: string) => signed(body.replace('INC-1001', 'INC-1002')),
    ],
  ])('answers 401 and writes nothing when %s', async (_case, headersFor) => {
    // Prepare
    const body = JSON.stringify(resolvedEvent());

    // Act
    const response = await invoke(handler, webhookRequest(body, headersFor(body)));

    // Assess
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body)).toEqual({ message: 'invalid or missing signature' });
    expectNothingWritten(mocks);
  });

  it('answers 413 for a body over 256 KiB and writes nothing', async () => {
    // Prepare
    const body = JSON.stringify(resolvedEvent({ title: 'x'.repeat(256 * 1024) }));

    // Act
    const response = await invoke(handler, webhookRequest(body, signed(body)));

    // Assess
    expect(response.statusCode).toBe(413);
    expectNothingWritten(mocks);
  });

  it('takes a body of exactly 256 KiB past the size check', async () => {
    // Prepare: valid JSON of exactly 262,144 bytes (the schema then rejects the long title)
    const skeleton = JSON.stringify(resolvedEvent({ title: '' }));
    const body = JSON.stringify(resolvedEvent({ title: 'x'.repeat(256 * 1024 - skeleton.length) }));

    // Act
    const response = await invoke(handler, webhookRequest(body, signed(body)));

    // Assess
    expect(Buffer.byteLength(body)).toBe(256 * 1024);
    expect(response.statusCode).toBe(400);
  });

  it('answers 415 for a text/plain body with a valid signature', async () => {
    // Prepare
    const body = JSON.stringify(resolvedEvent());

    // Act
    const response = await invoke(
      handler,
      webhookRequest(body, signed(body), { contentType: 'text/plain' })
    );

    // Assess
    expect(response.statusCode).toBe(415);
    expectNothingWritten(mocks);
  });

  it('answers 415 for a signed body that is not valid JSON', async () => {
    // Prepare
    const body = '{"eventType": "ticket.resolved",';

    // Act
    const response = await invoke(handler, webhookRequest(body, signed(body)));

    // Assess
    expect(response.statusCode).toBe(415);
    expect(JSON.parse(response.body)).toEqual({ message: 'the body is not valid JSON' });
    expectNothingWritten(mocks);
  });

  it('answers 400 listing the path of every invalid field', async () => {
    // Prepare
    const body = JSON.stringify({
      eventType: 'ticket.resolved',
      ticketId: '',
      requester: { email: 'not-an-email' },
    });

    // Act
    const response = await invoke(handler, webhookRequest(body, signed(body)));

    // Assess
    expect(response.statusCode).toBe(400);
    const answer = JSON.parse(response.body);
    expect(answer.message).toBe('invalid ticket event');
    expect(answer.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['ticketId', 'requester.email', 'resolvedAt'])
    );
    expectNothingWritten(mocks);
  });

  it('answers 400 and writes nothing for a signed webhook-id over 256 characters', async () => {
    // Prepare
    const body = JSON.stringify(resolvedEvent());
    acceptWrites(mocks);

    // Act
    const response = await invoke(
      handler,
      webhookRequest(body, signed(body, { id: `msg_${'x'.repeat(2048)}` }))
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      message: 'the delivery id (webhook-id) is longer than 256 characters',
    });
    expectNothingWritten(mocks);
  });

  it('takes a signed webhook-id of exactly 256 characters', async () => {
    // Prepare
    const body = JSON.stringify(resolvedEvent());
    acceptWrites(mocks);

    // Act
    const response = await invoke(
      handler,
      webhookRequest(body, signed(body, { id: 'm'.repeat(256) }))
    );

    // Assess
    expect(response.statusCode).toBe(202);
  });

  it('answers 400 for a ticket number with a lone surrogate, and writes nothing', async () => {
    // Prepare
    const body = JSON.stringify(resolvedEvent({ ticketNumber: 'INC-\uD800' }));

    // Act
    const response = await invoke(handler, webhookRequest(body, signed(body)));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(issuePaths(response)).toContain('ticketNumber');
    expectNothingWritten(mocks);
  });

  it('answers 500 without a stack trace when the table fails', async () => {
    // Prepare
    const body = JSON.stringify(resolvedEvent());
    ddb.on(PutCommand).rejects(new Error('table unavailable'));

    // Act
    const response = await invoke(handler, webhookRequest(body, signed(body)));

    // Assess
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ message: 'Internal Server Error' });
    expect(response.body).not.toMatch(STACK_TRACE);
    expect(response.body).not.toContain('table unavailable');
  });

  it('reads the secret by its configured id', async () => {
    // Prepare
    const body = JSON.stringify(resolvedEvent());
    acceptWrites(mocks);

    // Act
    await invoke(handler, webhookRequest(body, signed(body)));

    // Assess
    expect(secrets).toReceiveCommandWith(GetSecretValueCommand, { SecretId: SECRET_ID });
  });

  it('accepts a body signed with the second secret during a rotation', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretString: `${SECRET} ${OTHER_SECRET}` });
    const body = JSON.stringify(resolvedEvent());
    acceptWrites(mocks);

    // Act
    const response = await invoke(
      handler,
      webhookRequest(body, signed(body, { secret: OTHER_SECRET }))
    );

    // Assess
    expect(response.statusCode).toBe(202);
  });

  it('answers 500 and writes nothing when the secret holds no usable value', async () => {
    // Prepare
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'short' });
    const body = JSON.stringify(resolvedEvent());

    // Act
    const response = await invoke(handler, webhookRequest(body, signed(body)));

    // Assess
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('usable');
    expectNothingWritten(mocks);
  });
});
