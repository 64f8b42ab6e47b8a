import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { seedBusinessUnits } from '#local/seed-business-units.ts';
import { answerBatchGetsFromQueries, mockAws } from '#test/helpers/aws-mocks.ts';

const { ddb } = mockAws({ table: 'empty' });
const TARGET = {
  dynamoDbUrl: 'http://127.0.0.1:1',
  region: 'eu-central-1',
  tableName: 'otklik-local',
};

describe('Local: the business-unit seed', () => {
  it('registers the six units of the group, with their aliases, into an empty registry', async () => {
    // Act
    const created = await seedBusinessUnits(TARGET);

    // Assess
    const units = ddb
      .commandCalls(TransactWriteCommand)
      .map((call) => call.args[0].input.TransactItems?.[0]?.Put?.Item);
    expect(created).toBe(6);
    expect(units.map((unit): unknown => unit?.unitId)).toEqual([
      'ural-steel',
      'volga-logistics',
      'siberia-energy',
      'north-retail',
      'trade-house',
      'holding-hq',
    ]);
    expect(units[0]).toMatchObject({
      names: { ru: 'АО «Уральская сталь»' },
      keyCustomers: expect.arrayContaining([expect.objectContaining({ role: 'cfo' })]),
      createdBy: 'local-seed',
    });
    // What npm run webhook sends (FIN, Финансы) is an alias of a seeded unit.
    const aliasKeys = ddb
      .commandCalls(TransactWriteCommand)
      .flatMap((call) => call.args[0].input.TransactItems ?? [])
      .map((item): unknown => item.Put?.Item?.pk);
    expect(aliasKeys).toEqual(
      expect.arrayContaining(['UNITALIAS#any#fin', 'UNITALIAS#any#финансы'])
    );
  });

  it('leaves a registry that has a unit as it is', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({
      Items: [
        {
          pk: 'BU#ural-steel',
          sk: 'UNIT',
          unitId: 'ural-steel',
          names: { ru: 'АО «Уральская сталь»', en: 'Ural Steel JSC' },
          keyCustomers: [],
          active: true,
          aliases: [],
          version: 0,
          createdAt: '2026-11-01T00:00:00.000Z',
          createdBy: 'admin',
          updatedAt: '2026-11-01T00:00:00.000Z',
          updatedBy: 'admin',
        },
      ],
    });
    answerBatchGetsFromQueries(ddb);

    // Act
    const created = await seedBusinessUnits(TARGET);

    // Assess
    expect(created).toBe(0);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });
});
