import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { aggregateStore } from '#shared/data/aggregate-store.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, TABLE } from '#test/helpers/ddb-fixtures.ts';
import { decodeUpdate, readable } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws();
const aggregates = aggregateStore({ db: documentClient(), tableName: TABLE });

const target = {
  aggregateDay: '2025-03-05',
  aggregateDimension: 'bu-fin#svc-payroll',
  businessUnitRaw: { id: 'bu-fin', name: 'Finance' },
  service: { id: 'svc-payroll', name: 'Payroll' },
};

const stored = (day: string, counters: Record<string, number>) => ({
  pk: 'AGG#CSI#BU#bu-fin',
  sk: `${day}#svc-payroll`,
  day,
  dimension: 'bu-fin#svc-payroll',
  businessUnitName: 'Finance',
  serviceName: 'Payroll',
  ...counters,
});

describe('Store: aggregates', () => {
  it("adds to the counters of a unit's day and service, keeping it on its month's list", () => {
    // Act
    const part = aggregates.addItem(target, { rated: 1, scoreSum: 4, d4: 1, d3: 0 });

    // Assess
    expect(part.Update).toMatchObject({
      TableName: TABLE,
      Key: { pk: 'AGG#CSI#BU#bu-fin', sk: '2025-03-05#svc-payroll' },
    });
    expect(decodeUpdate(part.Update)).toEqual({
      set: {
        day: '2025-03-05',
        dimension: 'bu-fin#svc-payroll',
        businessUnitName: 'Finance',
        serviceName: 'Payroll',
      },
      // The month entry is written once: a later update moves no index key (issue 8).
      setIfAbsent: { gsi1pk: 'AGG#CSI#MONTH#2025-03', gsi1sk: '2025-03-05#bu-fin#svc-payroll' },
      add: { rated: 1, scoreSum: 4, d4: 1 },
      remove: [],
      condition: undefined,
    });
  });

  it('names a missing unit or service with a dash', () => {
    // Act
    const part = aggregates.addItem(
      { aggregateDay: '2025-03-05', aggregateDimension: '-#-' },
      { clicks: 1 }
    );

    // Assess
    expect(part.Update?.Key).toEqual({ pk: 'AGG#CSI#BU#-', sk: '2025-03-05#-' });
    expect(decodeUpdate(part.Update).set).toMatchObject({
      businessUnitName: '-',
      serviceName: '-',
    });
  });

  it("reads all units' days with one query per month, bounded to the days asked", async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [stored('2025-03-05', { sent: 2 }), { junk: true }] });

    // Act
    const found = await aggregates.daysBetween('2025-02-27', '2025-03-05');

    // Assess
    expect(found).toHaveLength(2); // one item from each month's answer, the junk left out
    expect(found[0]).toMatchObject({ day: '2025-03-05', sent: 2, rated: 0 });
    const queries = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries.map((q) => q.IndexName)).toEqual(['gsi1', 'gsi1']);
    expect(queries.map((q) => readable(q.KeyConditionExpression, q))).toEqual([
      'gsi1pk = "AGG#CSI#MONTH#2025-02" AND gsi1sk BETWEEN "2025-02-27" AND "2025-03-05~"',
      'gsi1pk = "AGG#CSI#MONTH#2025-03" AND gsi1sk BETWEEN "2025-02-27" AND "2025-03-05~"',
    ]);
  });

  it("reads one unit's days, of any months, with one query of its partition", async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [stored('2024-12-31', { sent: 1 })] });

    // Act
    const found = await aggregates.unitDays('bu-fin', '2024-11-01', '2025-03-31');

    // Assess
    expect(found).toEqual([expect.objectContaining({ day: '2024-12-31', sent: 1 })]);
    expect(ddb).toReceiveCommandTimes(QueryCommand, 1);
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(query?.IndexName).toBeUndefined();
    expect(readable(query?.KeyConditionExpression, query ?? {})).toBe(
      'pk = "AGG#CSI#BU#bu-fin" AND sk BETWEEN "2024-11-01" AND "2025-03-31~"'
    );
  });
});
