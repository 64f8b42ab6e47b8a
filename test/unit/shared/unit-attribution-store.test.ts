import {
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { unassignedValueStore } from '#shared/data/unassigned-value-store.ts';
import { unitAttributionStore } from '#shared/data/unit-attribution-store.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, TABLE } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed, transactionCanceled } from '#test/helpers/sdk-errors.ts';

const { ddb } = mockAws({ table: 'empty' });
const table = { db: documentClient(), tableName: TABLE };
const unassigned = unassignedValueStore(table);
const attribution = unitAttributionStore(table);

const SIGHTING = {
  source: 'generic' as const,
  value: 'юг',
  raw: { name: 'Юг' },
  unitPart: 'unassigned~0123456789abcdef',
  surveyId: 'a'.repeat(32),
  at: '2026-11-26T09:00:00.000Z',
};

describe('Store: unassigned values', () => {
  it('records a survey under its value once, counting it only the first time', async () => {
    // Act
    await unassigned.record(SIGHTING);
    ddb.on(PutCommand).rejects(conditionFailed());
    await unassigned.record(SIGHTING);

    // Assess
    const puts = ddb.commandCalls(PutCommand).map((call) => call.args[0].input.Item);
    expect(puts).toHaveLength(2);
    expect(puts[0]).toMatchObject({ pk: 'UNASSIGNED#generic#юг', sk: `SURVEY#${'a'.repeat(32)}` });
    const updates = ddb.commandCalls(UpdateCommand);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.args[0].input).toMatchObject({
      Key: { pk: 'UNASSIGNED#generic#юг', sk: 'VALUE' },
      UpdateExpression: expect.stringContaining('ADD #count'),
    });
  });
});

describe('Store: unit attribution (aggregates)', () => {
  const AGGREGATE = {
    pk: 'AGG#CSI#BU#unassigned~0123456789abcdef',
    sk: '2026-11-26#PAY',
    day: '2026-11-26',
    dimension: 'unassigned~0123456789abcdef#PAY',
    businessUnitName: 'Юг',
    serviceName: 'Расчёт зарплаты',
    sent: 2,
    rated: 1,
    scoreSum: 2,
    d2: 1,
  };

  it("moves an aggregate whole: the unit's day gets its counters, the value's is deleted as read", async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [AGGREGATE] });

    // Act
    const moved = await attribution.moveAggregates('unassigned~0123456789abcdef', 'ural-steel', 25);

    // Assess
    expect(moved).toEqual({ moved: 1, more: false });
    const [add, remove] =
      ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(add?.Update?.Key).toEqual({ pk: 'AGG#CSI#BU#ural-steel', sk: '2026-11-26#PAY' });
    expect(add?.Update?.UpdateExpression).toMatch(/ADD .*#sent .*#rated .*#scoreSum .*#d2/);
    expect(remove?.Delete?.Key).toEqual({ pk: AGGREGATE.pk, sk: AGGREGATE.sk });
    // Conditional on every counter as read: one changed meanwhile leaves it for the next pass.
    expect(remove?.Delete?.ConditionExpression).toContain('#sent = ');
    expect(remove?.Delete?.ConditionExpression).toContain('attribute_not_exists(#clicks)');
  });

  it('leaves an aggregate that changed meanwhile, and says more is left', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [AGGREGATE] });
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('None', 'ConditionalCheckFailed'));

    // Act
    const moved = await attribution.moveAggregates('unassigned~0123456789abcdef', 'ural-steel', 25);

    // Assess
    expect(moved).toEqual({ moved: 0, more: true });
  });
});
