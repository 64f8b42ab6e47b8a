import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { adminRequest, expectInvalidRequest } from '#test/helpers/admin-api.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { handlerOf, invoke } from '#test/helpers/http-event.ts';
import { transactionCanceled } from '#test/helpers/sdk-errors.ts';

const { ddb } = mockAws({ table: 'empty' });
const createUnit = handlerOf(
  () => import('#functions/platform/business-units/create-business-unit.ts')
);
const addAlias = handlerOf(() => import('#functions/platform/business-units/add-unit-alias.ts'));

const UNIT = {
  unitId: 'ural-steel',
  names: { ru: 'АО «Уральская сталь»', en: 'Ural Steel JSC' },
  keyCustomers: [{ name: 'Ирина Соколова', email: 'CFO@Ural-Steel.local', role: 'cfo' }],
  qualityOwner: { name: 'Мария Кузнецова', email: 'quality@ssc.local' },
  aliases: [{ source: 'naumen', value: ' OU$3301 ' }],
};

const STORED_UNIT = {
  pk: 'BU#ural-steel',
  sk: 'UNIT',
  ...UNIT,
  keyCustomers: [{ name: 'Ирина Соколова', email: 'cfo@ural-steel.local', role: 'cfo' }],
  active: true,
  aliases: [],
  version: 3,
  createdAt: '2026-11-01T00:00:00.000Z',
  createdBy: 'admin',
  updatedAt: '2026-11-01T00:00:00.000Z',
  updatedBy: 'admin',
};

/** The audit records written: one per change attempted (docs/access.md). */
const auditRecords = () =>
  ddb
    .commandCalls(PutCommand)
    .map((call) => call.args[0].input.Item)
    .filter((item) => String(item?.pk).startsWith('AUDIT#'));

/** Every write but the audit records: what a refused change must not make. */
const writes = () => [
  ...ddb.commandCalls(TransactWriteCommand),
  ...ddb
    .commandCalls(PutCommand)
    .filter((call) => !String(call.args[0].input.Item?.pk).startsWith('AUDIT#')),
  ...ddb.commandCalls(UpdateCommand),
  ...ddb.commandCalls(DeleteCommand),
];

describe('Handler: create-business-unit', () => {
  it('registers the unit and each alias under its normalised value, all in one transaction', async () => {
    // Act
    const response = await invoke(
      createUnit,
      adminRequest('POST /v1/business-units', { body: UNIT })
    );

    // Assess
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body)).toMatchObject({
      unitId: 'ural-steel',
      active: true,
      createdBy: 'admin',
      keyCustomers: [{ email: 'cfo@ural-steel.local' }],
      aliases: [{ source: 'naumen', value: 'OU$3301' }],
    });
    const [transaction] = ddb.commandCalls(TransactWriteCommand);
    const items = transaction?.args[0].input.TransactItems ?? [];
    expect(items.map((item): unknown => item.Put?.Item?.pk)).toEqual([
      'BU#ural-steel',
      'UNITALIAS#naumen#ou$3301',
    ]);
    expect(items.map((item) => item.Put?.ConditionExpression)).toEqual([
      'attribute_not_exists(#pk)',
      'attribute_not_exists(#pk)',
    ]);
    expect(items[1]?.Put?.Item).toMatchObject({ unitId: 'ural-steel' });
  });

  it('names every bad field (unknown, empty, not an e-mail, a duplicate alias) and writes nothing', async () => {
    // Prepare
    const body = {
      ...UNIT,
      names: { ru: '  ', en: 'Ural Steel' },
      keyCustomers: [{ name: 'Ирина', email: 'not-an-address', role: 'cfo' }],
      aliases: [
        { source: 'any', value: 'FIN' },
        { source: 'any', value: ' fin' },
      ],
      colour: 'red',
    };

    // Act
    const response = await invoke(createUnit, adminRequest('POST /v1/business-units', { body }));

    // Assess
    expectInvalidRequest(response, ['names.ru', 'keyCustomers.0.email', '(body)', 'aliases.1']);
    expect(response.body).toContain('colour');
    expect(writes()).toHaveLength(0);
  });

  it('refuses the reserved id unassigned', async () => {
    // Act
    const response = await invoke(
      createUnit,
      adminRequest('POST /v1/business-units', { body: { ...UNIT, unitId: 'unassigned' } })
    );

    // Assess
    expectInvalidRequest(response, ['unitId']);
    expect(writes()).toHaveLength(0);
  });

  it('answers 409 naming the unit that holds an alias, and the alias field', async () => {
    // Prepare: the alias's put fails its condition; the alias item names its unit.
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('None', 'ConditionalCheckFailed'));
    ddb
      .on(GetCommand, { Key: { pk: 'UNITALIAS#naumen#ou$3301', sk: 'ALIAS' } })
      .resolves({ Item: { pk: 'UNITALIAS#naumen#ou$3301', unitId: 'volga-logistics' } });

    // Act
    const response = await invoke(
      createUnit,
      adminRequest('POST /v1/business-units', { body: UNIT })
    );

    // Assess
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body)).toMatchObject({
      heldBy: 'volga-logistics',
      errors: [{ path: 'aliases.0', message: 'held by business unit volga-logistics' }],
    });
  });

  it('answers 401 without a verified identity, and writes nothing', async () => {
    // Act
    const response = await invoke(
      createUnit,
      adminRequest('POST /v1/business-units', { body: UNIT, requestContext: {} })
    );

    // Assess
    expect(response.statusCode).toBe(401);
    expect(writes()).toHaveLength(0);
  });
});

describe('Handler: add-unit-alias', () => {
  const request = (body: unknown) =>
    adminRequest('POST /v1/business-units/{id}/aliases', {
      pathParameters: { id: 'ural-steel' },
      body,
    });

  it('answers 409 naming the other unit when it holds the alias, and writes nothing but the audit record of the attempt', async () => {
    // Prepare
    ddb
      .on(GetCommand, { Key: { pk: 'BU#ural-steel', sk: 'UNIT' } })
      .resolves({ Item: STORED_UNIT });
    ddb
      .on(GetCommand, { Key: { pk: 'UNITALIAS#any#финансы', sk: 'ALIAS' } })
      .resolves({ Item: { unitId: 'volga-logistics' } });

    // Act
    const response = await invoke(addAlias, request({ source: 'any', value: 'ФИНАНСЫ' }));

    // Assess
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body)).toMatchObject({
      heldBy: 'volga-logistics',
      errors: [{ path: 'value' }],
    });
    expect(writes()).toHaveLength(0);
  });

  it('adds the alias on top of the version read, then finds nothing unassigned to move', async () => {
    // Prepare
    ddb
      .on(GetCommand, { Key: { pk: 'BU#ural-steel', sk: 'UNIT' } })
      .resolves({ Item: STORED_UNIT });

    // Act
    const response = await invoke(addAlias, request({ source: 'zendesk', value: 'FIN' }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      aliases: [{ source: 'zendesk', value: 'FIN' }],
      reattributed: { values: 0, surveys: 0, aggregates: 0, complete: true },
    });
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.Update?.ExpressionAttributeValues).toMatchObject({ ':v1': 4 });
    expect(items[0]?.Update?.ConditionExpression).toContain('#version =');
    expect(items[1]?.Put?.Item).toMatchObject({
      pk: 'UNITALIAS#zendesk#fin',
      unitId: 'ural-steel',
    });
    // The change is audited before it is made: who, what, from where.
    expect(auditRecords()).toEqual([
      expect.objectContaining({
        routeKey: 'POST /v1/business-units/{id}/aliases',
        itemId: 'ural-steel',
        actor: expect.objectContaining({ role: 'admin' }),
      }),
    ]);
  });

  it('answers 400 naming an unknown source, and 404 for an unknown unit', async () => {
    // Act
    const badSource = await invoke(addAlias, request({ source: 'email', value: 'FIN' }));
    const unknown = await invoke(addAlias, request({ source: 'any', value: 'FIN' }));

    // Assess
    expectInvalidRequest(badSource, ['source']);
    expect(unknown.statusCode).toBe(404);
    expect(writes()).toHaveLength(0);
  });
});
