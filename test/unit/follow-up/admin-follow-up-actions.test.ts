import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { followUpKey } from '#shared/data/keys.ts';
import { emailKey, hashToken } from '#shared/kernel/tokens.ts';
import {
  adminRequest,
  type AdminRequest,
  authorizedBy,
  expectInvalidRequest,
  PRINCIPALS,
} from '#test/helpers/admin-api.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { freezeDateAt } from '#test/helpers/clock.ts';
import { followUpItem, givenStored, NOW, SURVEY_ID } from '#test/helpers/ddb-fixtures.ts';
import { handlerOf, invoke, STACK_TRACE } from '#test/helpers/http-event.ts';
import { conditionFailed, transactionCanceled } from '#test/helpers/sdk-errors.ts';
import { expectOneTransactionUpdating, sentUpdates } from '#test/helpers/sent-commands.ts';

const { ddb, sfn, ses } = mockAws({ table: 'empty', workflows: 'accepting', mail: 'accepting' });
freezeDateAt(NOW);
const assignFollowUp = handlerOf(() => import('#functions/follow-up/api/assign-follow-up.ts'));
const resolveFollowUp = handlerOf(() => import('#functions/follow-up/api/resolve-follow-up.ts'));

const UNKNOWN_ID = 'ffffffffffffffffffffffffffffffff';

/** A POST of `action` on the case `id` (SURVEY_ID unless told otherwise). */
const post = (
  action: 'assign' | 'resolve',
  { id = SURVEY_ID, ...request }: AdminRequest & { id?: string }
) => adminRequest(`POST /v1/follow-ups/{id}/${action}`, { pathParameters: { id }, ...request });

const givenFollowUp = (...versions: FollowUp[]) => {
  givenStored(ddb, followUpKey(SURVEY_ID), ...versions);
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

  it("revokes the earlier owners' links: the owner generation counts up and the new link carries it", async () => {
    // Prepare
    givenFollowUp(followUpItem({ owner: { email: 'new.owner@example.com', name: 'Nina New' } }));
    ddb.on(UpdateCommand).resolves({ Attributes: { ...followUpItem(), ownerGeneration: 2 } });

    // Act
    const response = await invoke(assignFollowUp, post('assign', { body: { owner: NEW_OWNER } }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(sentUpdates(ddb)).toContainEqual(
      expect.objectContaining({ key: followUpKey(SURVEY_ID), add: { ownerGeneration: 1 } })
    );
    expect(ddb).toReceiveCommandWith(PutCommand, {
      Item: expect.objectContaining({
        kind: 'case',
        holder: { role: 'owner', emailHash: emailKey('new.owner@example.com'), generation: 3 },
      }),
    });
    expect(JSON.stringify(ddb.commandCalls(PutCommand)[0]?.args[0].input)).not.toContain(
      'new.owner@example.com'
    );
  });

  it('mails the new owner a personal case link whose hash is stored', async () => {
    // Prepare
    givenFollowUp(followUpItem());

    // Act
    await invoke(assignFollowUp, post('assign', { body: { owner: NEW_OWNER } }));

    // Assess
    expect(ses).toReceiveCommandWith(SendEmailCommand, {
      // The default branding's sender name (Служба качества ЦОО), RFC 2047-encoded.
      FromEmailAddress:
        '=?UTF-8?B?0KHQu9GD0LbQsdCwINC60LDRh9C10YHRgtCy0LAg0KbQntCe?= <feedback@example.com>',
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
    ddb.on(UpdateCommand).rejects(conditionFailed());

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
    ddb.on(UpdateCommand).rejects(conditionFailed());
    givenFollowUp(followUpItem({ status: 'resolved' }));

    // Act
    const response = await invoke(assignFollowUp, post('assign', { body: { owner: NEW_OWNER } }));

    // Assess
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body)).toEqual({ message: 'the case is resolved' });
    expect(ses).not.toReceiveCommand(SendEmailCommand);
    // No link minted (the audit record of the attempt is the one put).
    expect(ddb).not.toReceiveCommandWith(PutCommand, {
      Item: expect.objectContaining({ kind: 'case' }),
    });
  });

  it('answers 400 with the errors for an invalid owner', async () => {
    // Act
    const response = await invoke(
      assignFollowUp,
      post('assign', { body: { owner: { email: 'not-an-email', name: '' } } })
    );

    // Assess
    expectInvalidRequest(response, ['owner.email', 'owner.name']);
    expect(ddb).not.toReceiveCommand(UpdateCommand);
  });

  it('answers 400 for a malformed id before reading the body', async () => {
    // Act
    const response = await invoke(
      assignFollowUp,
      post('assign', { id: 'INC-1001', body: { owner: NEW_OWNER } })
    );

    // Assess
    expectInvalidRequest(response, ['id']);
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
    expectOneTransactionUpdating(ddb, followUpKey(SURVEY_ID), {
      set: {
        status: 'resolved',
        rootCause: 'skills',
        correctiveAction: 'Coached the agent on payroll corrections',
        notifyRequester: true,
        messageToRequester: 'We have coached the team.',
        resolvedBy: 'admin',
      },
    });
    expect(sfn).toReceiveCommandWith(SendTaskSuccessCommand, { taskToken: 'case-task-token' });
  });

  it("records the principal's subject as the resolver", async () => {
    // Prepare
    givenFollowUp(followUpItem());

    // Act
    await invoke(
      resolveFollowUp,
      post('resolve', {
        body: RESOLUTION,
        requestContext: authorizedBy({ ...PRINCIPALS.admin, sub: 'admin-user-7' }),
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

  it('tells the requester by default, as the case page does, so the message is required', async () => {
    // Act: no notifyRequester and no message
    const response = await invoke(
      resolveFollowUp,
      post('resolve', { body: { rootCause: 'skills', correctiveAction: 'Coached the agent' } })
    );

    // Assess
    expectInvalidRequest(response, ['messageToRequester']);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('records no message when the requester is not to be told', async () => {
    // Prepare
    givenFollowUp(followUpItem());

    // Act
    const response = await invoke(
      resolveFollowUp,
      post('resolve', { body: { ...RESOLUTION, notifyRequester: false } })
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(sentUpdates(ddb)).toContainEqual(
      expect.objectContaining({
        set: expect.objectContaining({ notifyRequester: false, messageToRequester: '' }),
      })
    );
  });

  it('answers 400 with the errors for an invalid body', async () => {
    // Act
    const response = await invoke(
      resolveFollowUp,
      post('resolve', { body: { rootCause: 'bad-luck', notifyRequester: 'maybe' } })
    );

    // Assess
    expectInvalidRequest(response, ['rootCause', 'correctiveAction', 'notifyRequester']);
    expect(JSON.parse(response.body).message).toBe('invalid request');
    expect(ddb).not.toReceiveAnyCommand();
  });

  it('answers 400 for a malformed id', async () => {
    // Act
    const response = await invoke(resolveFollowUp, post('resolve', { id: 'x', body: RESOLUTION }));

    // Assess
    expectInvalidRequest(response, ['id']);
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

  it('answers 401 and records nothing when no verified principal is behind the request', async () => {
    // Prepare: the context carries no subject (an old JWT-shaped one), so nobody is behind it.
    givenFollowUp(followUpItem());

    // Act
    const response = await invoke(
      resolveFollowUp,
      post('resolve', {
        body: RESOLUTION,
        requestContext: { authorizer: { lambda: { role: 'admin', units: '*', via: 'bearer' } } },
      })
    );

    // Assess
    expect(response.statusCode).toBe(401);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 0);
    expect(sfn).toReceiveCommandTimes(SendTaskSuccessCommand, 0);
  });
});
