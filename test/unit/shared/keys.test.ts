import { describe, expect, it } from 'vitest';
import {
  aggregateDimension,
  dimensionOfUnit,
  csiAggregateDayRange,
  csiAggregateKey,
  csiAggregateMonthEntry,
  csiAggregateMonthPartition,
  csiAggregateUnitPartition,
  deliveryKey,
  signedContentKey,
  followUpKey,
  followUpWorkListEntries,
  followUpWorkListPartition,
  personKey,
  probeKey,
  responseKey,
  shardOf,
  SURVEY_STATUS_SHARDS,
  surveyKey,
  surveyStatusEntry,
  surveyStatusPartitions,
  ticketStateKey,
  ticketSurveysEntry,
  ticketSurveysPartition,
  tokenKey,
  unitKeyPart,
} from '#shared/data/keys.ts';

/** The key formats (docs/data-model.md): pinned here, spelled nowhere else in functions/. */
describe('Keys: primary keys', () => {
  it.each([
    ['survey', surveyKey('s1'), { pk: 'SURVEY#s1', sk: 'SURVEY' }],
    ['response', responseKey('s1'), { pk: 'SURVEY#s1', sk: 'RESPONSE' }],
    ['follow-up', followUpKey('f1'), { pk: 'FOLLOWUP#f1', sk: 'FOLLOWUP' }],
    ['person', personKey('h1'), { pk: 'PERSON#h1', sk: 'PROFILE' }],
    ['token', tokenKey('h2'), { pk: 'TOKEN#h2', sk: 'TOKEN' }],
    ['delivery', deliveryKey('jira', 'd1'), { pk: 'DELIVERY#jira#d1', sk: 'DELIVERY' }],
    ['signed content', signedContentKey('jira', 'ab12'), { pk: 'SIGNED#jira#ab12', sk: 'SIGNED' }],
    ['ticket state', ticketStateKey('jira', 'T-1'), { pk: 'TICKETSTATE#jira#T-1', sk: 'STATE' }],
    ['probe', probeKey('p1'), { pk: 'PROBE#p1', sk: 'PROBE' }],
  ])('keys a %s', (_label, key, expected) => {
    // Assess
    expect(key).toEqual(expected);
  });
});

describe('Keys: surveys on the indexes', () => {
  it("puts a survey on its ticket's list, sorted by source and resolution", () => {
    // Act
    const entry = ticketSurveysEntry('T-1', 'jira', '2025-03-05T09:00:00.000Z');

    // Assess
    expect(entry).toEqual({ gsi1pk: 'TICKET#T-1', gsi1sk: 'jira#2025-03-05T09:00:00.000Z' });
    expect(ticketSurveysPartition('T-1')).toEqual({
      index: { indexName: 'gsi1', pk: 'gsi1pk', sk: 'gsi1sk' },
      value: 'TICKET#T-1',
    });
  });

  it("puts a survey on its id's shard of the status work list, sorted by its last change", () => {
    // Act
    const entry = surveyStatusEntry('s1', 'sent', '2025-03-05T09:10:00.000Z');

    // Assess
    expect(entry).toEqual({
      gsi2pk: `SURVEYSTATUS#sent#${shardOf('s1', 8)}`,
      gsi2sk: '2025-03-05T09:10:00.000Z',
    });
  });

  it('reads a status work list as all of its shards', () => {
    // Act
    const partitions = surveyStatusPartitions('sent');

    // Assess
    expect(SURVEY_STATUS_SHARDS).toBe(8);
    expect(partitions.map((p) => p.value)).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((shard) => `SURVEYSTATUS#sent#${shard}`)
    );
    expect(new Set(partitions.map((p) => p.index.indexName))).toEqual(new Set(['gsi2']));
  });
});

describe('Keys: shardOf', () => {
  it('gives the same shard for the same id, within 0…shards-1', () => {
    // Act
    const shards = ['a', 'b', 'campaign-2025-Q1#member-7'].map((id) => shardOf(id, 8));

    // Assess
    expect(shards).toEqual(['a', 'b', 'campaign-2025-Q1#member-7'].map((id) => shardOf(id, 8)));
    for (const shard of shards) expect(shard).toBeGreaterThanOrEqual(0);
    for (const shard of shards) expect(shard).toBeLessThan(8);
  });

  it('spreads ids over every shard, none of them hot', () => {
    // Act
    const counts = new Array<number>(8).fill(0);
    for (let i = 0; i < 8000; i++) {
      const shard = shardOf(`survey-${i}`, 8);
      counts[shard] = (counts[shard] ?? 0) + 1;
    }

    // Assess: each shard within 10 % of the even 1,000
    for (const count of counts) expect(Math.abs(count - 1000)).toBeLessThan(100);
  });
});

describe('Keys: follow-up work lists', () => {
  it("puts a case on all units' list and its unit's list of its status, by one sort time", () => {
    // Act
    const entries = followUpWorkListEntries('open', 'bu-fin', '2025-03-12T00:00:00.000Z');

    // Assess
    expect(entries).toEqual({
      gsi2pk: 'FOLLOWUPS#open',
      gsi2sk: '2025-03-12T00:00:00.000Z',
      gsi1pk: 'FOLLOWUPS#open#bu-fin',
      gsi1sk: '2025-03-12T00:00:00.000Z',
    });
    expect(followUpWorkListPartition('open')).toMatchObject({
      index: { indexName: 'gsi2' },
      value: 'FOLLOWUPS#open',
    });
    expect(followUpWorkListPartition('open', 'bu-fin')).toMatchObject({
      index: { indexName: 'gsi1' },
      value: 'FOLLOWUPS#open#bu-fin',
    });
  });
});

describe('Keys: CSI aggregates', () => {
  it('keys a business unit (by id, else name) in one part without a #', () => {
    // Assess
    expect(unitKeyPart({ id: 'bu-fin', name: 'Finance' })).toBe('bu-fin');
    expect(unitKeyPart({ name: 'HR #2' })).toBe('HR _2');
    expect(unitKeyPart(undefined)).toBe('-');
    expect(aggregateDimension('HR#2', undefined)).toBe('HR_2#-');
    expect(dimensionOfUnit('unassigned~ab12#svc-payroll', 'ural-steel')).toBe(
      'ural-steel#svc-payroll'
    );
  });

  it('partitions aggregates by business unit, sorted by day and service, and by month on gsi1', () => {
    // Act
    const key = csiAggregateKey('2025-03-05', 'bu-fin#svc-payroll');
    const month = csiAggregateMonthEntry('2025-03-05', 'bu-fin#svc-payroll');

    // Assess
    expect(key).toEqual({ pk: 'AGG#CSI#BU#bu-fin', sk: '2025-03-05#svc-payroll' });
    expect(month).toEqual({
      gsi1pk: 'AGG#CSI#MONTH#2025-03',
      gsi1sk: '2025-03-05#bu-fin#svc-payroll',
    });
    expect(csiAggregateUnitPartition('bu-fin')).toMatchObject({
      index: { indexName: undefined, pk: 'pk' },
      value: 'AGG#CSI#BU#bu-fin',
    });
    expect(csiAggregateMonthPartition('2025-03')).toMatchObject({
      index: { indexName: 'gsi1' },
      value: 'AGG#CSI#MONTH#2025-03',
    });
  });

  it('bounds a day range so that both ends and every service of them are in it', () => {
    // Act
    const { from, to } = csiAggregateDayRange('2025-03-01', '2025-03-31');

    // Assess
    for (const sk of ['2025-03-01#-', '2025-03-31#svc-payroll', '2025-03-31#~x'])
      expect(sk >= from && sk <= to).toBe(true);
    for (const sk of ['2025-02-28#svc', '2025-04-01#-']) expect(sk >= from && sk <= to).toBe(false);
  });
});
