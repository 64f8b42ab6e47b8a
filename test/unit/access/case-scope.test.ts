import { writeFileSync } from 'node:fs';
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Principal } from '#shared/access/principal.ts';
import { auditKey, followUpKey, followUpWorkListPartition } from '#shared/data/keys.ts';
import { adminRequest, authorizedBy, PRINCIPALS } from '#test/helpers/admin-api.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { freezeDateAt } from '#test/helpers/clock.ts';
import {
  followUpItem,
  givenStored,
  NOW,
  storedFollowUpItem,
  SURVEY_ID,
} from '#test/helpers/ddb-fixtures.ts';
import { handlerOf, invoke, stubHandlerEnv, stubSettings } from '#test/helpers/http-event.ts';
import { partitionOf } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws({ table: 'empty', workflows: 'accepting', mail: 'accepting' });
freezeDateAt(NOW);
let settingsFile = '';
const env = () => {
  stubHandlerEnv();
  settingsFile = stubSettings({});
};
const getFollowUp = handlerOf(() => import('#functions/follow-up/api/get-follow-up.ts'), env);
// The other two with the default settings file of their own.
const listFollowUps = handlerOf(() => import('#functions/follow-up/api/list-follow-ups.ts'));
const resolveFollowUp = handlerOf(() => import('#functions/follow-up/api/resolve-follow-up.ts'));

// The fixture's case is of unit `bu-fin`, owned by owner@example.com.
const finance: Principal = { ...PRINCIPALS.cfo, units: ['bu-fin'] };
const otherUnit: Principal = { ...PRINCIPALS.cfo, units: ['ural-steel'] };
const owner: Principal = { ...PRINCIPALS.owner, email: 'Owner@Example.com' };

const get = (principal: Principal) =>
  adminRequest('GET /v1/follow-ups/{id}', {
    pathParameters: { id: SURVEY_ID },
    requestContext: authorizedBy(principal),
  });

const auditPuts = () =>
  ddb
    .commandCalls(PutCommand)
    .map((call) => call.args[0].input.Item ?? {})
    .filter((item) => typeof item.pk === 'string' && item.pk.startsWith('AUDIT#'));

describe('Scope: GET /v1/follow-ups/{id}', () => {
  it("shows a unit viewer their unit's case without the requester's personal data", async () => {
    givenStored(ddb, followUpKey(SURVEY_ID), followUpItem());

    const response = await invoke(getFollowUp, get(finance));

    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ followUpId: SURVEY_ID, score: 2, reasons: ['speed'] });
    expect(body).not.toHaveProperty('requesterName');
    expect(body).not.toHaveProperty('requesterEmail');
    expect(body).not.toHaveProperty('comment');
    expect(response.body).not.toContain('anna@example.com');
  });

  it('shows a unit viewer the requester when the settings allow it', async () => {
    writeFileSync(settingsFile, JSON.stringify({ access: { viewersSeeRequester: true } }));
    givenStored(ddb, followUpKey(SURVEY_ID), followUpItem());

    const response = await invoke(getFollowUp, get(finance));
    writeFileSync(settingsFile, JSON.stringify({}));

    expect(JSON.parse(response.body)).toMatchObject({
      requesterEmail: 'anna@example.com',
      comment: 'Too slow',
    });
  });

  it('answers a case of another unit 404, as a missing one, and audits nothing', async () => {
    givenStored(ddb, followUpKey(SURVEY_ID), followUpItem());

    const response = await invoke(getFollowUp, get(otherUnit));

    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ message: 'Not Found' });
    expect(auditPuts()).toEqual([]);
  });

  it('shows a case owner their own case, in full, and no one else’s', async () => {
    givenStored(ddb, followUpKey(SURVEY_ID), followUpItem());
    const own = await invoke(getFollowUp, get(owner));
    const notOwn = await invoke(getFollowUp, get({ ...owner, email: 'someone@example.com' }));

    expect(own.statusCode).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ comment: 'Too slow' });
    expect(notOwn.statusCode).toBe(404);
  });

  it('audits the read: who, when, what, from where, kept 400 days by default', async () => {
    givenStored(ddb, followUpKey(SURVEY_ID), followUpItem());

    await invoke(getFollowUp, get(PRINCIPALS.quality));

    const [record, ...more] = auditPuts();
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      pk: auditKey(String(record?.auditId)).pk,
      at: NOW.toISOString(),
      actor: { sub: 'quality-7', name: 'Мария Кузнецова', role: 'quality-manager' },
      routeKey: 'GET /v1/follow-ups/{id}',
      itemId: SURVEY_ID,
      sourceIp: '192.0.2.1',
      expiresAt: NOW.getTime() / 1000 + 400 * 86400,
    });
    expect(JSON.stringify(record)).not.toContain('quality@ssc.local');
  });

  it('answers 503 and serves nothing when the audit record cannot be written', async () => {
    givenStored(ddb, followUpKey(SURVEY_ID), followUpItem());
    ddb.on(PutCommand).rejects(new Error('ProvisionedThroughputExceeded'));

    const response = await invoke(getFollowUp, get(PRINCIPALS.admin));

    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(JSON.parse(response.body)).toEqual({
      message: 'the audit log is unavailable: try again',
    });
    expect(response.body).not.toContain('Too slow');
  });
});

describe('Scope: GET /v1/follow-ups', () => {
  const list = (principal: Principal, query: Record<string, string> = {}) =>
    adminRequest('GET /v1/follow-ups', { query, requestContext: authorizedBy(principal) });

  it("reads a unit viewer's own unit's work list, not all units'", async () => {
    ddb.on(QueryCommand).resolves({ Items: [storedFollowUpItem()] });

    const response = await invoke(listFollowUps, list(finance));

    expect(response.statusCode).toBe(200);
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    const partition = followUpWorkListPartition('open', 'bu-fin');
    expect(query?.IndexName).toBe(partition.index.indexName);
    expect(partitionOf(query ?? {})).toBe(partition.value);
    const { followUps } = JSON.parse(response.body);
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).not.toHaveProperty('comment');
    expect(auditPuts()).toEqual([
      expect.objectContaining({ routeKey: 'GET /v1/follow-ups', itemCount: 1 }),
    ]);
  });

  it('answers 403 to a unit viewer asking for another unit, and reads nothing', async () => {
    const response = await invoke(listFollowUps, list(finance, { businessUnit: 'ural-steel' }));

    expect(response.statusCode).toBe(403);
    expect(ddb).not.toReceiveCommand(QueryCommand);
  });

  it('lists a case owner only the cases they own', async () => {
    const theirs = storedFollowUpItem();
    const others = storedFollowUpItem({
      followUpId: 'f'.repeat(32),
      owner: { email: 'else@example.com', name: 'Else' },
    });
    ddb.on(QueryCommand).resolves({ Items: [theirs, others] });

    const response = await invoke(listFollowUps, list(owner));

    const { followUps } = JSON.parse(response.body);
    expect(followUps.map((f: { followUpId: string }) => f.followUpId)).toEqual([SURVEY_ID]);
  });

  it('audits no empty page: no case was read', async () => {
    const response = await invoke(listFollowUps, list(PRINCIPALS.admin));

    expect(response.statusCode).toBe(200);
    expect(auditPuts()).toEqual([]);
  });
});

describe('Scope: POST /v1/follow-ups/{id}/resolve', () => {
  const RESOLUTION = {
    rootCause: 'skills',
    correctiveAction: 'Coached the agent',
    notifyRequester: false,
  };
  const resolve = (principal: Principal) =>
    adminRequest('POST /v1/follow-ups/{id}/resolve', {
      pathParameters: { id: SURVEY_ID },
      body: RESOLUTION,
      requestContext: authorizedBy(principal),
    });

  it('lets a case owner resolve their own case, the audit record in its transaction', async () => {
    givenStored(ddb, followUpKey(SURVEY_ID), followUpItem(), followUpItem({ status: 'resolved' }));

    const response = await invoke(resolveFollowUp, resolve(owner));

    expect(response.statusCode).toBe(200);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    const parts = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(parts.map((part) => part.Put?.Item)).toContainEqual(
      expect.objectContaining({
        routeKey: 'POST /v1/follow-ups/{id}/resolve',
        itemId: SURVEY_ID,
        actor: expect.objectContaining({ sub: 'owner-9', role: 'case-owner' }),
      })
    );
  });

  it("answers 404 to a case owner for another's case, and writes nothing", async () => {
    givenStored(ddb, followUpKey(SURVEY_ID), followUpItem());

    const response = await invoke(resolveFollowUp, resolve({ ...owner, email: 'x@example.com' }));

    expect(response.statusCode).toBe(404);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
    expect(auditPuts()).toEqual([]);
  });

  it('answers 403 to a unit viewer, who may not resolve', async () => {
    givenStored(ddb, followUpKey(SURVEY_ID), followUpItem());

    const response = await invoke(resolveFollowUp, resolve(finance));

    expect(response.statusCode).toBe(403);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });
});
