import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { COUNTERS } from '#shared/data/aggregate.ts';
import { normaliseAliasValue, unassignedUnitPart } from '#shared/kernel/business-unit-alias.ts';
import { pollUntil } from '../helpers/poll.ts';
import { documents, runtime } from './clients.ts';
import { admin, surveyOf } from './loop-helpers.ts';
import * as given from './steps/given.ts';
import * as then from './steps/then.ts';
import * as when from './steps/when.ts';

/**
 * The business-unit registry over HTTP (docs/business-units.md): a ticket's unit found by
 * its alias, an unknown one kept as unassigned and moved, counters included, once mapped.
 */
const aUnit = async (aliases: { source: string; value: string }[] = []) => {
  const unitId = `bu-${randomUUID().slice(0, 8)}`;
  const created = await admin('/v1/business-units', {
    method: 'POST',
    body: JSON.stringify({
      unitId,
      names: { ru: 'АО «Тестовая сталь»', en: 'Test Steel' },
      keyCustomers: [{ name: 'Ирина Соколова', email: 'cfo@test.example', role: 'cfo' }],
      aliases,
    }),
  });
  expect(created.status).toBe(201);
  return unitId;
};

/** Every counter of one aggregate partition (a unit's, or an unassigned value's), summed. */
const countersOf = async (unitPart: string): Promise<Record<string, number>> => {
  const found = await documents.send(
    new QueryCommand({
      TableName: runtime.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AGG#CSI#BU#${unitPart}` },
      ConsistentRead: true,
    })
  );
  const items = found.Items ?? [];
  const sum = (counter: string) =>
    items.reduce((total, item) => total + (Number(item[counter]) || 0), 0);
  return { items: items.length, ...Object.fromEntries(COUNTERS.map((c) => [c, sum(c)])) };
};

const surveyItem = async (surveyId: string) =>
  (
    await documents.send(
      new GetCommand({
        TableName: runtime.tableName,
        Key: { pk: `SURVEY#${surveyId}`, sk: 'SURVEY' },
      })
    )
  ).Item ?? {};

describe('Integration: the business-unit registry', () => {
  it('attributes a ticket whose unit arrives by alias to the registered unit', async () => {
    const ou = `OU-${randomUUID()}`;
    const unitId = await aUnit([{ source: 'generic', value: ou }]);

    // The same value in another case and with spaces around: normalised, it is the alias.
    const sent = { id: `  ${ou.toLowerCase()} `, name: 'Финансовая дирекция' };
    const { ticketId } = await when.aTicketIsResolved({ businessUnit: sent });

    const survey = await pollUntil(async () => surveyOf(ticketId).catch(() => undefined), {
      what: `the survey of ${ticketId}`,
    });
    expect(survey).toMatchObject({
      businessUnit: unitId,
      // The raw value is kept as the source sent it.
      businessUnitRaw: sent,
    });
    expect(await admin(`/v1/business-units/${unitId}`)).toMatchObject({
      status: 200,
      body: { unitId, aliases: [{ source: 'generic', value: ou }] },
    });
  });

  it('refuses an alias another unit holds with 409 naming it, and writes nothing', async () => {
    const value = `Дирекция ${randomUUID()}`;
    const holder = await aUnit([{ source: 'any', value }]);
    const other = await aUnit();

    const refused = await admin(`/v1/business-units/${other}/aliases`, {
      method: 'POST',
      body: JSON.stringify({ source: 'any', value: value.toUpperCase() }),
    });

    expect(refused).toMatchObject({ status: 409, body: { heldBy: holder } });
    expect((await admin(`/v1/business-units/${other}`)).body).toMatchObject({ aliases: [] });
  });

  it('keeps an unknown unit as unassigned, and re-attributes it exactly after mapping', async () => {
    // Prepare: two tickets of a value no alias knows, both mailed, one rated low (a case).
    const raw = `Неизвестное подразделение ${randomUUID().slice(0, 8)}`;
    const unitId = await aUnit();
    const businessUnit = { name: raw };
    const low = await given.aSurveyMail({ businessUnit });
    const other = await given.aSurveyMail({ businessUnit });
    await when.theEmployeeRates(low.ratingPage, { score: 2, comment: 'долго' }, 'json');
    const rated = await then.aCaseIsOpened(low.ticketId);
    const part = unassignedUnitPart('generic', normaliseAliasValue(raw));
    // The counters land in the transactions after the mail and the case: wait for them.
    const before = await pollUntil(
      async () => {
        const counters = await countersOf(part);
        return counters.sent === 2 && counters.rated === 1 && counters.followUpsOpened === 1
          ? counters
          : undefined;
      },
      { what: 'the unassigned value’s counters' }
    );
    const listed = await admin('/v1/business-units/unassigned?limit=100');
    expect(listed.body.unassigned).toContainEqual(
      expect.objectContaining({
        source: 'generic',
        value: normaliseAliasValue(raw),
        raw: { name: raw },
        count: 2,
      })
    );
    expect(await surveyOf(low.ticketId)).toMatchObject({ businessUnit: 'unassigned' });

    // Act: the quality team maps the value to the unit.
    const mapped = await admin(`/v1/business-units/${unitId}/aliases`, {
      method: 'POST',
      body: JSON.stringify({ source: 'any', value: raw }),
    });

    // Assess: everything recorded under it is the unit's, and its counters moved whole.
    expect(mapped).toMatchObject({
      status: 200,
      body: { reattributed: { values: 1, surveys: 2, complete: true } },
    });
    for (const { ticketId } of [low, other])
      expect(await surveyOf(ticketId)).toMatchObject({ businessUnit: unitId });
    const survey = await surveyItem(rated.surveyId);
    expect(survey.aggregateDimension).toMatch(new RegExp(`^${unitId}#`));
    expect((await admin(`/v1/follow-ups/${rated.surveyId}`)).body).toMatchObject({
      businessUnit: unitId,
      businessUnitRaw: { name: raw },
    });
    const response = await documents.send(
      new GetCommand({
        TableName: runtime.tableName,
        Key: { pk: `SURVEY#${rated.surveyId}`, sk: 'RESPONSE' },
      })
    );
    expect(response.Item?.businessUnit).toBe(unitId);
    const after = await countersOf(unitId);
    expect({ ...after, items: before.items }).toEqual(before);
    expect(await countersOf(part)).toMatchObject({ items: 0, sent: 0 });
    // The recount: what the unit's surveys themselves say.
    const surveys = await Promise.all(
      [low, other].map(async ({ ticketId }) => surveyItem((await surveyOf(ticketId)).surveyId))
    );
    expect(after).toMatchObject({
      sent: surveys.filter((s) => s.messageId !== undefined).length,
      rated: surveys.filter((s) => s.score !== undefined).length,
      scoreSum: surveys.reduce((sum, s) => sum + (Number(s.score) || 0), 0),
      followUpsOpened: surveys.filter((s) => s.followUpId !== undefined).length,
    });
    const day = String(survey.aggregateDay);
    const metrics = await admin(`/v1/metrics/csi?from=${day}&to=${day}&businessUnit=${unitId}`);
    expect(metrics.body).toMatchObject({ sent: 2, rated: 1, followUpsOpened: 1 });

    // A second run moves nothing and counts nothing twice; the value is no longer listed.
    const again = await admin(`/v1/business-units/${unitId}/aliases`, {
      method: 'POST',
      body: JSON.stringify({ source: 'any', value: raw }),
    });
    expect(again.body).toMatchObject({
      reattributed: { surveys: 0, aggregates: 0, complete: true },
    });
    expect(await countersOf(unitId)).toEqual(after);
    const relisted = await admin('/v1/business-units/unassigned?limit=100');
    expect(relisted.body.unassigned).not.toContainEqual(
      expect.objectContaining({ value: normaliseAliasValue(raw) })
    );
  });
});
