import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { deliveryStore } from '#shared/data/delivery-store.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, NOW, TABLE } from '#test/helpers/ddb-fixtures.ts';
import { expectNewItemOnly } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws();
const deliveries = deliveryStore({ db: documentClient(), tableName: TABLE });
const STATE_KEY = { pk: 'TICKETSTATE#jira#T-1', sk: 'STATE' };

describe('Store: deliveries and ticket state', () => {
  it('records a delivery id once, kept a week', () => {
    // Act
    const part = deliveries.recordItem('jira', 'd-1', NOW);

    // Assess
    expect(part.Put?.Item).toEqual({
      pk: 'DELIVERY#jira#d-1',
      sk: 'DELIVERY',
      receivedAt: NOW.toISOString(),
      expiresAt: NOW.getTime() / 1000 + 7 * 86400,
    });
    expectNewItemOnly(part.Put);
  });

  it('records a delivery by its id and by its signed content, each once and kept a week', () => {
    // Act
    const parts = deliveries.recordItems('jira', 'd-1', 'ab12', NOW);

    // Assess
    expect(parts.map((part) => part.Put?.Item)).toEqual([
      {
        pk: 'DELIVERY#jira#d-1',
        sk: 'DELIVERY',
        receivedAt: NOW.toISOString(),
        expiresAt: NOW.getTime() / 1000 + 7 * 86400,
      },
      {
        pk: 'SIGNED#jira#ab12',
        sk: 'SIGNED',
        receivedAt: NOW.toISOString(),
        expiresAt: NOW.getTime() / 1000 + 7 * 86400,
      },
    ]);
    for (const part of parts) expectNewItemOnly(part.Put);
  });

  it('records only the delivery id of a delivery that signs nothing', () => {
    // Act
    const parts = deliveries.recordItems('jira', 'd-1', undefined, NOW);

    // Assess
    expect(parts.map((part): unknown => part.Put?.Item?.pk)).toEqual(['DELIVERY#jira#d-1']);
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
