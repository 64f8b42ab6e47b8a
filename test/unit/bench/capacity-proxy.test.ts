import { describe, expect, it } from 'vitest';
import {
  itemKindOf,
  itemSizeOf,
  singleWriteShare,
  transactPartsOf,
  transactShares,
  unitsOf,
  writeLineKey,
} from '../../../bench/capacity-proxy.ts';
import { writeBreakdown } from '../../../bench/report.ts';

describe('Bench: capacity proxy', () => {
  it('counts the units of a write as writes and of a read as reads', () => {
    const put = JSON.stringify({ ConsumedCapacity: { TableName: 't', CapacityUnits: 2 } });
    const query = JSON.stringify({ Items: [], ConsumedCapacity: { CapacityUnits: 0.5 } });
    expect(unitsOf('PutItem', put)).toEqual({ readUnits: 0, writeUnits: 2 });
    expect(unitsOf('Query', query)).toEqual({ readUnits: 0.5, writeUnits: 0 });
  });

  it('counts each item of a transaction at no less than the 2 WRU AWS bills', () => {
    // DynamoDB Local answered 2 units for three small items rounded together.
    const answer = JSON.stringify({ ConsumedCapacity: [{ TableName: 't', CapacityUnits: 2 }] });
    expect(unitsOf('TransactWriteItems', answer, 3)).toEqual({ readUnits: 0, writeUnits: 6 });
  });

  it('counts nothing for an answer without consumed capacity or not JSON', () => {
    expect(unitsOf('GetItem', '{}')).toEqual({ readUnits: 0, writeUnits: 0 });
    expect(unitsOf('GetItem', '<html>')).toEqual({ readUnits: 0, writeUnits: 0 });
  });
});

describe('Bench: capacity proxy, where the write units go', () => {
  const s = (value: string) => ({ S: value });

  it('names an item by the prefix of its pk, with its sk where that names the item', () => {
    expect(itemKindOf({ pk: s('SURVEY#1'), sk: s('SURVEY') })).toBe('SURVEY');
    expect(itemKindOf({ pk: s('SURVEY#1'), sk: s('RESPONSE') })).toBe('SURVEY/RESPONSE');
    expect(itemKindOf({ pk: s('AGG#CSI#BU#FIN'), sk: s('2024-03-01#PAY') })).toBe('AGG');
    expect(itemKindOf({ nope: true })).toBe('unknown');
  });

  it('sizes an item as DynamoDB bills it: names and values in UTF-8, maps and lists with overhead', () => {
    // 'a' + 'xyz' = 4; 'n' + 12345 (5 digits → 3 + 1) = 5; 'b' + true = 2; 'ё' is 2 bytes
    expect(itemSizeOf({ a: s('xyz'), n: { N: '12345' }, b: { BOOL: true } })).toBe(11);
    expect(itemSizeOf({ t: s('ё') })).toBe(3);
    // 'm' + 3 + ('k' + 'v') + 1 per element = 1 + 3 + 2 + 1
    expect(itemSizeOf({ m: { M: { k: s('v') } } })).toBe(7);
    // 'l' + 3 + (1 + 'v') = 1 + 3 + 2
    expect(itemSizeOf({ l: { L: [s('v')] } })).toBe(6);
  });

  const parts = transactPartsOf({
    TransactItems: [
      {
        Update: {
          TableName: 't',
          Key: { pk: s('SURVEY#1'), sk: s('SURVEY') },
          UpdateExpression: 'SET #gsi2pk = :v',
          ExpressionAttributeNames: { '#gsi2pk': 'gsi2pk' },
        },
      },
      { Put: { TableName: 't', Item: { pk: s('SURVEY#1'), sk: s('RESPONSE'), c: s('x') } } },
      { Update: { TableName: 't', Key: { pk: s('AGG#CSI#BU#FIN'), sk: s('2024-03-01#PAY') } } },
    ],
  });

  it("bills each item of a transaction 2 WRU per started KB and gives an index's units to the items naming its keys", () => {
    // DynamoDB Local's answer: the table rounded together, gsi2 4 (a move, doubled)
    const answer = JSON.stringify({
      ConsumedCapacity: [
        {
          CapacityUnits: 8,
          Table: { CapacityUnits: 4 },
          GlobalSecondaryIndexes: { gsi2: { CapacityUnits: 4 } },
        },
      ],
    });

    // The survey is 1,500 bytes as written; the others' sizes were not read back
    const shares = transactShares(parts, answer, [1500, undefined, undefined]);

    expect(shares).toEqual([
      { kind: 'SURVEY', operation: 'Transact Update', writeUnits: 4 + 4 },
      { kind: 'SURVEY/RESPONSE', operation: 'Transact Put', writeUnits: 2 },
      { kind: 'AGG', operation: 'Transact Update', writeUnits: 2 },
    ]);
  });

  it('counts a single write on the kind of the item it names, table and indexes', () => {
    const answer = JSON.stringify({
      ConsumedCapacity: {
        CapacityUnits: 3,
        Table: { CapacityUnits: 1 },
        GlobalSecondaryIndexes: { gsi2: { CapacityUnits: 2 } },
      },
    });

    const share = singleWriteShare(
      'UpdateItem',
      { Key: { pk: s('SURVEY#1'), sk: s('SURVEY') } },
      answer
    );

    expect(share).toEqual({ kind: 'SURVEY', operation: 'UpdateItem', writeUnits: 3 });
    expect(writeLineKey(share)).toBe('SURVEY UpdateItem');
  });

  it('reports a path per survey, the largest kind first, with the operations that wrote it', () => {
    const text = writeBreakdown(
      {
        'TOKEN PutItem': { kind: 'TOKEN', operation: 'PutItem', writes: 2, writeUnits: 2 },
        'SURVEY UpdateItem': { kind: 'SURVEY', operation: 'UpdateItem', writes: 4, writeUnits: 12 },
        'SURVEY Transact Update': {
          kind: 'SURVEY',
          operation: 'Transact Update',
          writes: 2,
          writeUnits: 8,
        },
      },
      2
    );

    expect(text).toBe(
      'SURVEY 10.0 (UpdateItem 2.0 × → 6.0, Transact Update 1.0 × → 4.0); TOKEN 1.0 (PutItem 1.0 × → 1.0)'
    );
  });
});
