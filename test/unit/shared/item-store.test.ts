import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type BatchGetCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { absent, equals } from '#shared/data/expression.ts';
import { BatchGetIncompleteError, itemStore, NEW_ITEM } from '#shared/data/item-store.ts';
import { GSI2 } from '#shared/data/keys.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, TABLE } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed, tableThrottled } from '#test/helpers/sdk-errors.ts';
import { decodeUpdate, expectNewItemOnly, readable } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws();
const items = itemStore({ db: documentClient(), tableName: TABLE });
const KEY = { pk: 'X#1', sk: 'X' };

describe('Store: itemStore updates', () => {
  it('sets, sets if absent, adds and removes in one expression, leaving out undefined and zero', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    const out = await items.update({
      key: KEY,
      set: { status: 'sent', title: undefined },
      setIfAbsent: { firstAt: 't' },
      add: { clicks: 1, rated: 0 },
      remove: ['taskToken'],
    });

    // Assess
    expect(out).toEqual({ applied: true, old: undefined });
    const input = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ TableName: TABLE, Key: KEY });
    expect(input?.ConditionExpression).toBeUndefined();
    expect(decodeUpdate(input)).toEqual({
      set: { status: 'sent' },
      setIfAbsent: { firstAt: 't' },
      add: { clicks: 1 },
      remove: ['taskToken'],
      condition: undefined,
    });
  });

  it('answers applied: false when the condition failed', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const out = await items.update({ key: KEY, set: { a: 1 }, when: equals('a', 0) });

    // Assess
    expect(out).toEqual({ applied: false });
  });

  it('rethrows any other error', async () => {
    // Prepare
    const slow = tableThrottled();
    ddb.on(UpdateCommand).rejects(slow);

    // Act
    const act = items.update({ key: KEY, set: { a: 1 }, when: equals('a', 0) });

    // Assess
    await expect(act).rejects.toBe(slow);
  });

  it('returns the item as it was, when asked', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({ Attributes: { taskToken: 'old' } });

    // Act
    const out = await items.update({ key: KEY, remove: ['taskToken'] }, { returnOld: true });

    // Assess
    expect(out).toEqual({ applied: true, old: { taskToken: 'old' } });
    expect(ddb).toReceiveCommandWith(UpdateCommand, { ReturnValues: 'ALL_OLD' });
  });

  it('builds the same update as a TransactWrite part', () => {
    // Act
    const part = items.updateItem({ key: KEY, add: { sent: 1 }, when: absent('firstAt') });

    // Assess
    expect(part.Update).toMatchObject({ TableName: TABLE, Key: KEY });
    expect(decodeUpdate(part.Update)).toMatchObject({
      add: { sent: 1 },
      condition: 'attribute_not_exists(firstAt)',
    });
  });
});

describe('Store: itemStore puts and reads', () => {
  it('creates an item only when it does not exist, and says when it did', async () => {
    // Prepare
    ddb.on(PutCommand).rejectsOnce(conditionFailed()).resolves({});

    // Act
    const first = await items.put({ ...KEY, a: 1 }, NEW_ITEM);
    const second = await items.put({ ...KEY, a: 1 }, NEW_ITEM);

    // Assess
    expect([first, second]).toEqual([false, true]);
    const put = ddb.commandCalls(PutCommand)[0]?.args[0].input;
    expectNewItemOnly(put);
  });

  it('puts without a condition or attribute maps when none is given', async () => {
    // Prepare
    ddb.on(PutCommand).resolves({});

    // Act
    await items.put({ ...KEY, a: 1 });

    // Assess
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Item: { ...KEY, a: 1 },
    });
  });

  it('reads strongly consistent', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({ Item: { ...KEY, a: 1 } });

    // Act
    const item = await items.get(KEY);

    // Assess
    expect(item).toEqual({ ...KEY, a: 1 });
    expect(ddb).toReceiveCommandWith(GetCommand, {
      TableName: TABLE,
      Key: KEY,
      ConsistentRead: true,
    });
  });

  it('reads every page of a query, in order', async () => {
    // Prepare
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ n: 1 }], LastEvaluatedKey: { pk: 'a' } })
      .resolvesOnce({ Items: [{ n: 2 }] });

    // Act
    const found = await items.query(
      { index: GSI2, value: 'LIST#a' },
      { range: { before: '2025' }, newestFirst: true }
    );

    // Assess
    expect(found).toEqual([{ n: 1 }, { n: 2 }]);
    expect(ddb).toReceiveCommandTimes(QueryCommand, 2);
    expect(ddb).toReceiveNthCommandWith(QueryCommand, 2, { ExclusiveStartKey: { pk: 'a' } });
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(query).toMatchObject({ IndexName: 'gsi2', ScanIndexForward: false });
    expect(readable(query?.KeyConditionExpression, query ?? {})).toBe(
      'gsi2pk = "LIST#a" AND gsi2sk < "2025"'
    );
  });

  it('reads one page of at most `limit` items when limited', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [{ n: 1 }], LastEvaluatedKey: { pk: 'a' } });

    // Act
    const found = await items.query({ index: GSI2, value: 'LIST#a' }, { limit: 1 });

    // Assess
    expect(found).toEqual([{ n: 1 }]);
    expect(ddb).toReceiveCommandTimes(QueryCommand, 1);
    expect(ddb).toReceiveCommandWith(QueryCommand, { Limit: 1 });
  });
});

describe('Store: itemStore batch reads', () => {
  it('reads keys 100 a request, asks again for unprocessed keys, and answers in key order', async () => {
    // Prepare: 150 keys; the first request leaves one unprocessed.
    const keys = Array.from({ length: 150 }, (_unused, i) => ({ pk: `X#${i}`, sk: 'X' }));
    const asked: number[] = [];
    let first = true;
    ddb.on(BatchGetCommand).callsFake((input: BatchGetCommandInput) => {
      const wanted = input.RequestItems?.[TABLE]?.Keys ?? [];
      asked.push(wanted.length);
      const held = first ? wanted[0] : undefined;
      first = false;
      const answered = (held ? wanted.slice(1) : wanted).filter((key) => key.pk !== 'X#7');
      return {
        // Answered in no particular order, as DynamoDB does.
        Responses: { [TABLE]: [...answered].reverse().map((key) => ({ ...key, v: key.pk })) },
        ...(held ? { UnprocessedKeys: { [TABLE]: { Keys: [held] } } } : {}),
      };
    });

    // Act
    const found = await items.batchGet(keys);

    // Assess: X#7 does not exist; every other item comes back once, in key order.
    expect(asked).toEqual([100, 1, 50]);
    expect(found.map((item) => item.pk)).toEqual(
      keys.map((key) => key.pk).filter((pk) => pk !== 'X#7')
    );
  });

  it('gives up with BatchGetIncompleteError when keys stay unprocessed', async () => {
    // Prepare
    ddb.on(BatchGetCommand).callsFake((input: BatchGetCommandInput) => ({
      Responses: {},
      UnprocessedKeys: { [TABLE]: { Keys: input.RequestItems?.[TABLE]?.Keys ?? [] } },
    }));

    // Act
    const act = items.batchGet([KEY]);

    // Assess
    await expect(act).rejects.toThrow(BatchGetIncompleteError);
  });
});
