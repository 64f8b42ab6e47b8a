import { describe, expect, it } from 'vitest';
import { unitsOf } from '../../../bench/capacity-proxy.ts';

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
