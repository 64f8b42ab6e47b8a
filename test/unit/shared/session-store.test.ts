import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { sessionStore, signInStateStore } from '#shared/data/session-store.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, NOW, TABLE } from '#test/helpers/ddb-fixtures.ts';

const { ddb } = mockAws({ table: 'empty' });
const table = { db: documentClient(), tableName: TABLE };
const sessions = sessionStore(table);
const states = signInStateStore(table);
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const HASH = 'a'.repeat(64);

const SESSION = {
  sub: 's',
  name: 'N',
  email: 'n@example.com',
  role: 'admin' as const,
  units: '*' as const,
  csrfHash: 'b'.repeat(64),
  expiresAt: nowSeconds + 60,
  createdAt: NOW.toISOString(),
};

describe('Store: sessions', () => {
  it('creates a session under the hash of its id, never over another', async () => {
    await sessions.create({ idHash: HASH, ...SESSION });

    expect(ddb).toReceiveCommandWith(PutCommand, {
      Item: { pk: `SESSION#${HASH}`, sk: 'SESSION', ...SESSION },
    });
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input.ConditionExpression).toMatch(
      /^attribute_not_exists\(#\w+\)$/
    );
  });

  it('finds a live session, not an expired or malformed one', async () => {
    ddb
      .on(GetCommand)
      .resolvesOnce({ Item: SESSION })
      .resolvesOnce({ Item: { ...SESSION, expiresAt: nowSeconds } })
      .resolvesOnce({ Item: { ...SESSION, role: 'superuser' } });

    const found = [
      await sessions.find(HASH, NOW),
      await sessions.find(HASH, NOW),
      await sessions.find(HASH, NOW),
    ];

    expect(found).toEqual([SESSION, undefined, undefined]);
  });

  it('removes a session by its key', async () => {
    await sessions.remove(HASH);
    expect(ddb).toReceiveCommandWith(DeleteCommand, {
      Key: { pk: `SESSION#${HASH}`, sk: 'SESSION' },
    });
  });
});

describe('Store: sign-in states', () => {
  const STATE = {
    codeVerifier: 'v'.repeat(43),
    nonce: 'n',
    returnTo: '/console',
    expiresAt: nowSeconds + 600,
  };

  it('takes a state out in one delete that returns it: a second take finds nothing', async () => {
    ddb
      .on(DeleteCommand)
      .resolvesOnce({ Attributes: { pk: `SIGNIN#${HASH}`, sk: 'SIGNIN', ...STATE } })
      .resolvesOnce({});

    const first = await states.take(HASH, NOW);
    const replay = await states.take(HASH, NOW);

    expect(first).toEqual(STATE);
    expect(replay).toBeUndefined();
    expect(ddb).toReceiveCommandWith(DeleteCommand, {
      Key: { pk: `SIGNIN#${HASH}`, sk: 'SIGNIN' },
      ReturnValues: 'ALL_OLD',
    });
  });

  it('refuses a state past its ten minutes', async () => {
    ddb.on(DeleteCommand).resolves({ Attributes: { ...STATE, expiresAt: nowSeconds - 1 } });
    expect(await states.take(HASH, NOW)).toBeUndefined();
  });
});
