import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
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
import { followUpKey } from '#shared/data/keys.ts';
import { hashToken } from '#shared/kernel/tokens.ts';
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
  type Handler,
} from '../../helpers/http-event.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
const ses = mockClient(SESv2Client);
let assignFollowUp: Handler;
let resolveFollowUp: Handler;

const UNKNOWN_ID = 'ffffffffffffffffffffffffffffffff';
const conditionalCheckFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

beforeAll(async () => {
  stubHandlerEnv();
  ({ handler: assignFollowUp } = await import('#functions/follow-up/api/assign-follow-up.ts'));
  ({ handler: resolveFollowUp } = await import('#functions/follow-up/api/resolve-follow-up.ts'));
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  ddb.on(GetCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
  ddb.on(PutCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  sfn.on(SendTaskSuccessCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });
});
afterEach(() => {
  vi.useRealTimers();
  ddb.reset();
  sfn.reset();
  ses.reset();
});

const post = (
  action: 'assign' | 'resolve',
  {
    id = SURVEY_ID,
    body,
    contentType = 'application/json',
    requestContext,
  }: {
    id?: string;
    body?: unknown;
    contentType?: string;
    requestContext?: Record<string, unknown>;
  }
) =>
  httpEvent({
    method: 'POST',
    routeKey: `POST /v1/follow-ups/{id}/${action}`,
    rawPath: `/v1/follow-ups/${id}/${action}`,
    pathParameters: { id },
    headers: { 'content-type': contentType, authorization: 'Bearer token' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    ...(requestContext ? { requestContext } : {}),
  });

const errorPaths = (body: string): string[] =>
  (JSON.parse(body) as { errors: { path: string }[] }).errors.map((e) => e.path);

const givenFollowUp = (...items: ReturnType<typeof followUpItem>[]) => {
  const [first, ...rest] = items;
  const stub = ddb.on(GetCommand, { Key: followUpKey(SURVEY_ID) });
  if (rest.length === 0) {
    stub.resolves({ Item: first });
    return;
  }
  stub.resolvesOnce({ Item: first }).resolves({ Item: rest.at(-1) });
};

describe('Handler: assign-follow-up', () => {
  const NEW_OWNER = { email: 'New.Owner@Example.com', name: 'Nina New' };

  it('answers 200 with the case handed to the new owner', async () => {
    // Prepare
    givenFollowUp(followUpItem({ owner: { email: 'new.owner@example.com', name: 'Nina New' } }));

    // Act
    const response = await invoke(assignFollowUp, post('assign', { body: { owner: NEW_OWNER } }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      followUpId: SURVEY_ID,
      owner: { email: 'new.owner@example.com', name: 'Nina New' },
    });
    expect(ddb).toReceiveCommandWith(UpdateCommand, { Key: followUpKey(SURVEY_ID) });
    expect(sentUpdates(ddb)).toContainEqual(
      expect.objectContaining({
        key: followUpKey(SURVEY_ID),
        set: {
          owner: { email: 'new.owner@example.com', name: 'Nina New' },
          updatedAt: NOW.toISOString(),
        },
      })
    );
  });

  it('mails the new owner a personal case link whose hash is stored', async () => {
    // Prepare
    givenFollowUp(followUpItem());

    // Act
    await invoke(assignFollowUp, post('assign', { body: { owner: NEW_OWNER } }));

    // Assess
    expect(ses).toReceiveCommandWith(SendEmailCommand, {
      FromEmailAddress: 'feedback@example.com',
      ConfigurationSetName: 'otklik-test',
      Destination: { ToAddresses: ['new.owner@example.com'] },
    });
    const text =
      ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple?.Body?.Text?.Data ?? '';
    const token = /https:\/\/feedback\.example\.com\/f\/([A-Za-z0-9_-]{32})/.exec(text)?.[1];
    expect(token).toBeDefined();
    expect(ddb).toReceiveCommandWith(PutCommand, {
      Item: expect.objectContaining({
        pk: `TOKEN#${hashToken(token ?? '')}`,
        sk: 'TOKEN',
        kind: 'case',
        subjectId: SURVEY_ID,
        // openedAt + the default maximum age of a case (P30D)
        validUntil: '2025-04-09T00:00:00.000Z',
      }),
    });
  });

  it('answers 404 for an unknown id and mails nobody', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionalCheckFailed());

    // Act
    const response = await invoke(
      assignFollowUp,
      post('assign', { id: UNKNOWN_ID, body: { owner: NEW_OWNER } })
    );

    // Assess
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ message: 'Not Found' });
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('answers 409 for a resolved case and mails nobody', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionalCheckFailed());
    givenFollowUp(followUpItem({ status: 'resolved' }));

    // Act
    const response = await invoke(assignFollowUp, post('assign', { body: { owner: NEW_OWNER } }));

    // Assess
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body)).toEqual({ message: 'the case is resolved' });
    expect(ses).not.toReceiveCommand(SendEmailCommand);
    expect(ddb).not.toReceiveCommand(PutCommand);
  });

  it('answers 400 with the errors for an invalid owner', async () => {
    // Act
    const response = await invoke(
      assignFollowUp,
      post('assign', { body: { owner: { email: 'not-an-email', name: '' } } })
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(errorPaths(response.body)).toEqual(['owner.email', 'owner.name']);
    expect(ddb).not.toReceiveCommand(UpdateCommand);
  });

  it('answers 400 for a malformed id before reading the body', async () => {
    // Act
    const response = await invoke(
      assignFollowUp,
      post('assign', { id: 'INC-1001', body: { owner: NEW_OWNER } })
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(errorPaths(response.body)).toEqual(['id']);
    expect(ddb).not.toReceiveAnyCommand();
  });

  it('answers 415 for a body that is not JSON', async () => {
    // Act
    const response = await invoke(
      assignFollowUp,
      post('assign', { body: 'owner=new.owner@example.com', contentType: 'text/plain' })
    );

    // Assess
    expect(response.statusCode).toBe(415);
    expect(ddb).not.toReceiveAnyCommand();
    expect(ses).not.toReceiveAnyCommand();
  });
});

describe('Handler: resolve-follow-up', () => {
  const RESOLUTION = {
    rootCause: 'skills',
    correctiveAction: 'Coached the agent on payroll corrections',
    notifyRequester: true,
    messageToRequester: 'We have coached the team.',
  };

  it('answers 200 with the resolved case, recorded in one transaction', async () => {
    // Prepare
    givenFollowUp(
      followUpItem({ taskToken: 'case-task-token' }),
      followUpItem({ status: 'resolved', taskToken: 'case-task-token', rootCause: 'skills' })
    );

    // Act
    const response = await invoke(resolveFollowUp, post('resolve', { body: RESOLUTION }));

    // Assess
    expect(response.statusCode).toBe(200);
    const answer = JSON.parse(response.body);
    expect(answer).toMatchObject({ followUpId: SURVEY_ID, status: 'resolved' });
    expect(answer).not.toHaveProperty('taskToken');
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    expect(sentUpdates(ddb)).toContainEqual(
      expect.objectContaining({
        key: followUpKey(SURVEY_ID),
        set: expect.objectContaining({
          status: 'resolved',
          rootCause: 'skills',
          correctiveAction: 'Coached the agent on payroll corrections',
          notifyRequester: true,
          messageToRequester: 'We have coached the team.',
          resolvedBy: 'admin',
        }),
      })
    );
    expect(sfn).toReceiveCommandWith(SendTaskSuccessCommand, { taskToken: 'case-task-token' });
  });

  it('records the admin of the JWT claims as the resolver', async () => {
    // Prepare
    givenFollowUp(followUpItem());

    // Act
    await invoke(
      resolveFollowUp,
      post('resolve', {
        body: RESOLUTION,
        requestContext: { authorizer: { jwt: { claims: { sub: 'admin-user-7' }, scopes: [] } } },
      })
    );

    // Assess
    expect(sentUpdates(ddb)).toContainEqual(
      expect.objectContaining({
        key: followUpKey(SURVEY_ID),
        set: expect.objectContaining({ resolvedBy: 'admin-user-7' }),
      })
    );
  });

  it('answers 404 for an unknown id and writes nothing', async () => {
    // Act
    const response = await invoke(
      resolveFollowUp,
      post('resolve', { id: UNKNOWN_ID, body: RESOLUTION })
    );

    // Assess
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ message: 'Not Found' });
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers 409 when the case is resolved already', async () => {
    // Prepare
    givenFollowUp(followUpItem({ status: 'resolved' }));
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None'));

    // Act
    const response = await invoke(resolveFollowUp, post('resolve', { body: RESOLUTION }));

    // Assess
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body)).toEqual({ message: 'the case is resolved' });
    expect(sfn).not.toReceiveAnyCommand();
  });

  it('answers 400 with the errors for an invalid body', async () => {
    // Act
    const response = await invoke(
      resolveFollowUp,
      post('resolve', { body: { rootCause: 'bad-luck', notifyRequester: 'maybe' } })
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).message).toBe('invalid request');
    expect(errorPaths(response.body)).toEqual(['rootCause', 'correctiveAction', 'notifyRequester']);
    expect(ddb).not.toReceiveAnyCommand();
  });

  it('answers 400 for a malformed id', async () => {
    // Act
    const response = await invoke(resolveFollowUp, post('resolve', { id: 'x', body: RESOLUTION }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(errorPaths(response.body)).toEqual(['id']);
    expect(ddb).not.toReceiveAnyCommand();
  });

  it.each([
    ['a form body', 'application/x-www-form-urlencoded', 'rootCause=skills'],
    ['a text body', 'text/plain', JSON.stringify(RESOLUTION)],
  ])('answers 415 for %s', async (_case, contentType, body) => {
    // Act
    const response = await invoke(resolveFollowUp, post('resolve', { body, contentType }));

    // Assess
    expect(response.statusCode).toBe(415);
    expect(response.body).not.toMatch(STACK_TRACE);
    expect(ddb).not.toReceiveAnyCommand();
  });

  it('answers 415 for a JSON content type with a malformed body', async () => {
    // Act
    const response = await invoke(resolveFollowUp, post('resolve', { body: '{"rootCause":' }));

    // Assess
    expect(response.statusCode).toBe(415);
    expect(ddb).not.toReceiveAnyCommand();
  });

  it('answers 500 without a stack trace when the write fails', async () => {
    // Prepare
    givenFollowUp(followUpItem());
    ddb.on(TransactWriteCommand).rejects(new Error('write failed: internal detail'));

    // Act
    const response = await invoke(resolveFollowUp, post('resolve', { body: RESOLUTION }));

    // Assess
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ message: 'Internal Server Error' });
    expect(response.body).not.toMatch(STACK_TRACE);
  });
});
