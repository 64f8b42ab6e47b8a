import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { deliveryStore } from '#shared/data/delivery-store.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, NOW, TABLE } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed } from '#test/helpers/sdk-errors.ts';
import { expectNewItemOnly } from '#test/helpers/sent-commands.ts';

const AT = NOW.toISOString();

const { ddb } = mockAws();
const deliveries = deliveryStore({ db: documentClient(), tableName: TABLE });
const STATE_KEY = { pk: 'TICKETSTATE#jira#T-1', sk: 'STATE' };

describe('Store: deliveries and ticket state', () => {
  const FIRST = { source: 'jira', deliveryId: 'd-1', at: NOW };
  const week = NOW.getTime() / 1000 + 7 * 86400;
  const puts = () => ddb.commandCalls(PutCommand).map((call) => call.args[0].input);
  /** The item exists: DynamoDB refuses the put and hands it back (ALL_OLD, wire format). */
  const exists = (item: Record<string, unknown>) =>
    Object.assign(conditionFailed(), { Item: marshall(item) });

  it('records a new delivery by its id and its signed content, with its survey, kept a week', async () => {
    // Prepare
    ddb.on(PutCommand).resolves({});

    // Act
    const claim = await deliveries.record(FIRST, 'ab12', 's-1');

    // Assess
    expect(claim).toBe('new');
    expect(puts().map((input) => input.Item)).toEqual([
      { pk: 'DELIVERY#jira#d-1', sk: 'DELIVERY', receivedAt: AT, surveyId: 's-1', expiresAt: week },
      { pk: 'SIGNED#jira#ab12', sk: 'SIGNED', receivedAt: AT, surveyId: 's-1', expiresAt: week },
    ]);
    for (const input of puts()) {
      expectNewItemOnly(input);
      expect(input.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
    }
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('records only the delivery id of a delivery that signs nothing (a reopening: no survey)', async () => {
    // Prepare
    ddb.on(PutCommand).resolves({});

    // Act
    const claim = await deliveries.record(FIRST, undefined);

    // Assess
    expect(claim).toBe('new');
    expect(puts().map((input) => input.Item)).toEqual([
      { pk: 'DELIVERY#jira#d-1', sk: 'DELIVERY', receivedAt: AT, expiresAt: week },
    ]);
  });

  it('takes a delivery seen for the same survey as a retry, and goes on to its signed content', async () => {
    // Prepare
    ddb
      .on(PutCommand, { Item: { sk: 'DELIVERY' } })
      .rejects(exists({ pk: 'DELIVERY#jira#d-1', sk: 'DELIVERY', surveyId: 's-1' }))
      .on(PutCommand, { Item: { sk: 'SIGNED' } })
      .resolves({});

    // Act
    const claim = await deliveries.record(FIRST, 'ab12', 's-1');

    // Assess
    expect(claim).toBe('retry');
    expect(puts()).toHaveLength(2);
  });

  it('takes a delivery id or signed content seen for anything else as a duplicate, and stops', async () => {
    // Prepare: the id was another survey's; then (a new id) the content a reopening's
    ddb
      .on(PutCommand, { Item: { pk: 'DELIVERY#jira#d-1' } })
      .rejects(exists({ pk: 'DELIVERY#jira#d-1', sk: 'DELIVERY', surveyId: 's-0' }))
      .on(PutCommand, { Item: { pk: 'DELIVERY#jira#d-2' } })
      .resolves({})
      .on(PutCommand, { Item: { sk: 'SIGNED' } })
      .rejects(exists({ pk: 'SIGNED#jira#ab12', sk: 'SIGNED' }));

    // Act
    const reusedId = await deliveries.record(FIRST, 'ab12', 's-1');
    const replayed = await deliveries.record({ ...FIRST, deliveryId: 'd-2' }, 'ab12', 's-1');
    const reopening = await deliveries.record(FIRST, undefined);

    // Assess
    expect([reusedId, replayed, reopening]).toEqual(['duplicate', 'duplicate', 'duplicate']);
    // The reused id stopped before its signed content.
    expect(puts().map((input): unknown => input.Item?.pk)).toEqual([
      'DELIVERY#jira#d-1',
      'DELIVERY#jira#d-2',
      'SIGNED#jira#ab12',
      'DELIVERY#jira#d-1',
    ]);
  });

  it("keeps a ticket's last reopening and reads it back", async () => {
    // Prepare
    ddb.on(PutCommand).resolves({});
    ddb
      .on(GetCommand, { Key: STATE_KEY })
      .resolvesOnce({ Item: { ...STATE_KEY, reopenedAt: NOW.toISOString() } })
      .resolves({});

    // Act
    await deliveries.markReopened('jira', 'T-1', NOW.toISOString());
    const reopenedAt = await deliveries.reopenedAt('jira', 'T-1');
    const never = await deliveries.reopenedAt('jira', 'T-1');

    // Assess
    expect(ddb).toReceiveCommandWith(PutCommand, {
      TableName: TABLE,
      Item: { ...STATE_KEY, reopenedAt: NOW.toISOString() },
    });
    expect(reopenedAt).toBe(NOW.toISOString());
    expect(never).toBeUndefined();
  });
});
