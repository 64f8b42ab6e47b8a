import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { csiMetrics } from '#functions/reporting/api/csi-metrics.service.ts';
import {
  csiAggregateDayRange,
  csiAggregateKey,
  csiAggregateMonthPartition,
} from '#shared/data/keys.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { TABLE, testStores } from '#test/helpers/ddb-fixtures.ts';
import { partitionOf, readable } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws();
const store = testStores();

interface Row {
  day: string;
  bu?: [id: string, name: string];
  service?: [id: string, name: string];
  counters?: Record<string, number>;
}

/** An aggregate item as the table holds it: day × business unit × service. */
const aggregate = ({ day, bu, service, counters = {} }: Row) => ({
  ...csiAggregateKey(day, `${bu?.[0] ?? '-'}#${service?.[0] ?? '-'}`),
  day,
  dimension: `${bu?.[0] ?? '-'}#${service?.[0] ?? '-'}`,
  businessUnitName: bu?.[1] ?? '-',
  serviceName: service?.[1] ?? '-',
  ...counters,
});
/** What each month's partition of the aggregate index holds in a test. */
const months = new Map<unknown, Record<string, unknown>[]>();
const givenMonth = (month: string, rows: Row[]) =>
  months.set(csiAggregateMonthPartition(month).value, rows.map(aggregate));

const FIN: [string, string] = ['bu-fin', 'Finance'];
const HR: [string, string] = ['bu-hr', 'HR'];
const PAYROLL: [string, string] = ['svc-payroll', 'Payroll'];
const TRAVEL: [string, string] = ['svc-travel', 'Travel expenses'];

/** {3:1, 4:2, 5:7}: n = 10, mean 4.6. */
const skewed = { sent: 20, rated: 10, scoreSum: 46, d3: 1, d4: 2, d5: 7 };

beforeEach(() => {
  months.clear();
  ddb.on(QueryCommand).callsFake((input: Parameters<typeof partitionOf>[0]) => ({
    Items: months.get(partitionOf(input)) ?? [],
  }));
});

describe('Service: csiMetrics', () => {
  it('queries one month partition of the aggregate index per month of the period', async () => {
    // Act
    await csiMetrics(store, { from: '2024-11-15', to: '2025-02-03' });

    // Assess
    const queried = ddb.commandCalls(QueryCommand).map((call) => partitionOf(call.args[0].input));
    expect(queried).toEqual(
      ['2024-11', '2024-12', '2025-01', '2025-02'].map((m) => csiAggregateMonthPartition(m).value)
    );
    const { index } = csiAggregateMonthPartition('2024-11');
    const days = csiAggregateDayRange('2024-11-15', '2025-02-03');
    expect(ddb).toReceiveCommandWith(QueryCommand, {
      TableName: TABLE,
      IndexName: index.indexName,
    });
    const first = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(readable(first?.KeyConditionExpression, first ?? {})).toBe(
      `${index.pk} = "${csiAggregateMonthPartition('2024-11').value}" AND ${index.sk} BETWEEN "${days.from}" AND "${days.to}"`
    );
  });

  it('sums the days of the period across months and leaves out days outside it', async () => {
    // Prepare
    givenMonth('2025-01', [
      { day: '2025-01-29', bu: FIN, counters: { sent: 100, rated: 100, scoreSum: 100, d1: 100 } },
      { day: '2025-01-30', bu: FIN, counters: { sent: 3, rated: 2, scoreSum: 9, d4: 1, d5: 1 } },
      { day: '2025-01-31', bu: HR, counters: { sent: 2, rated: 1, scoreSum: 2, d2: 1, clicks: 4 } },
    ]);
    givenMonth('2025-02', [
      {
        day: '2025-02-02',
        bu: FIN,
        counters: { sent: 5, rated: 1, scoreSum: 1, d1: 1, followUpsOpened: 2 },
      },
      { day: '2025-02-03', bu: FIN, counters: { sent: 100, rated: 100, scoreSum: 500, d5: 100 } },
    ]);

    // Act
    const metrics = await csiMetrics(store, { from: '2025-01-30', to: '2025-02-02' });

    // Assess
    expect(metrics).toMatchObject({
      from: '2025-01-30',
      to: '2025-02-02',
      businessUnit: null,
      service: null,
      sent: 10,
      rated: 4,
      responseRate: 0.4,
      average: 3,
      distribution: { 1: 1, 2: 1, 3: 0, 4: 1, 5: 1 },
      unconfirmedClicks: 4,
      followUpsOpened: 2,
      followUpsResolved: 0,
    });
  });

  it.each([
    ['business unit id', { businessUnit: 'bu-fin' }, 5],
    ['business unit name', { businessUnit: 'Finance' }, 5],
    ['service id', { service: 'svc-travel' }, 3],
    ['service name', { service: 'Payroll' }, 6],
    ['business unit and service', { businessUnit: 'HR', service: 'svc-payroll' }, 4],
  ])('filters by %s', async (_label, filter, sent) => {
    // Prepare
    givenMonth('2025-03', [
      { day: '2025-03-01', bu: FIN, service: PAYROLL, counters: { sent: 2 } },
      { day: '2025-03-02', bu: FIN, service: TRAVEL, counters: { sent: 3 } },
      { day: '2025-03-03', bu: HR, service: PAYROLL, counters: { sent: 4 } },
    ]);

    // Act
    const metrics = await csiMetrics(store, { from: '2025-03-01', to: '2025-03-31', ...filter });

    // Assess
    expect(metrics.sent).toBe(sent);
  });

  it('echoes the filters it applied', async () => {
    // Act
    const metrics = await csiMetrics(store, {
      from: '2025-03-01',
      to: '2025-03-31',
      businessUnit: 'Finance',
      service: 'Payroll',
    });

    // Assess
    expect(metrics).toMatchObject({ businessUnit: 'Finance', service: 'Payroll', sent: 0 });
  });

  it('gives the 95 % confidence interval of the mean from the distribution', async () => {
    // Prepare: {2:2, 3:3, 4:3, 5:2}, n = 10, mean 3.5
    givenMonth('2025-03', [
      {
        day: '2025-03-04',
        counters: { sent: 12, rated: 10, scoreSum: 35, d2: 2, d3: 3, d4: 3, d5: 2 },
      },
    ]);
    const s = Math.sqrt((2 * 1.5 ** 2 + 3 * 0.5 ** 2 + 3 * 0.5 ** 2 + 2 * 1.5 ** 2) / 9);
    const halfWidth = (2.262 * s) / Math.sqrt(10); // t(9) = 2.262

    // Act
    const metrics = await csiMetrics(store, { from: '2025-03-01', to: '2025-03-31' });

    // Assess
    expect(metrics.average).toBe(3.5);
    expect(metrics.responseRate).toBeCloseTo(10 / 12, 4);
    expect(halfWidth).toBeCloseTo(0.7726, 4); // the hand computation itself
    expect(metrics.confidenceInterval95?.low).toBeCloseTo(3.5 - halfWidth, 4);
    expect(metrics.confidenceInterval95?.high).toBeCloseTo(3.5 + halfWidth, 4);
  });

  it('keeps the confidence interval within the scale for {3:1, 4:2, 5:7}', async () => {
    // Prepare
    givenMonth('2025-03', [{ day: '2025-03-04', counters: skewed }]);
    const s = Math.sqrt(((3 - 4.6) ** 2 + 2 * (4 - 4.6) ** 2 + 7 * (5 - 4.6) ** 2) / 9);
    const halfWidth = (2.262 * s) / Math.sqrt(10);

    // Act
    const metrics = await csiMetrics(store, { from: '2025-03-01', to: '2025-03-31' });

    // Assess
    expect(metrics.average).toBe(4.6);
    expect(metrics.responseRate).toBe(0.5);
    expect(metrics.distribution).toEqual({ 1: 0, 2: 0, 3: 1, 4: 2, 5: 7 });
    expect(halfWidth).toBeCloseTo(0.5001, 3);
    expect(metrics.confidenceInterval95).toEqual({
      low: expect.closeTo(4.6 - halfWidth, 4),
      high: 5, // 4.6 + 0.5002 is capped at the top of the scale
    });
  });

  it('uses t = 1.98 beyond 120 degrees of freedom (erring wide of the normal 1.96)', async () => {
    // Prepare: 100 × 4 and 100 × 5, n = 200, mean 4.5, s² = 50/199
    givenMonth('2025-03', [
      { day: '2025-03-04', counters: { sent: 200, rated: 200, scoreSum: 900, d4: 100, d5: 100 } },
    ]);
    const halfWidth = (1.98 * Math.sqrt(50 / 199)) / Math.sqrt(200);

    // Act
    const metrics = await csiMetrics(store, { from: '2025-03-01', to: '2025-03-31' });

    // Assess
    expect(halfWidth).toBeCloseTo(0.0702, 4); // the hand computation itself
    expect(metrics.confidenceInterval95?.low).toBeCloseTo(4.5 - halfWidth, 4);
    expect(metrics.confidenceInterval95?.high).toBeCloseTo(4.5 + halfWidth, 4);
  });

  it.each([
    [31, 30, 2.042], // the last row of the table
    [32, 31, 2.042],
    [41, 40, 2.042],
    [42, 41, 2.021],
    [61, 60, 2.021],
    [62, 61, 2],
    [121, 120, 2],
    [122, 121, 1.98],
    [1000, 999, 1.98],
  ])('builds the interval of %i ratings (%i degrees of freedom) with t = %s', async (n, _df, t) => {
    // Prepare: half ones, half fives, so s ≈ 2 and the quantile shows in the interval
    const ones = Math.floor(n / 2);
    const fives = n - ones;
    givenMonth('2025-03', [
      {
        day: '2025-03-04',
        counters: { sent: n, rated: n, scoreSum: ones + 5 * fives, d1: ones, d5: fives },
      },
    ]);
    const mean = (ones + 5 * fives) / n;
    const s = Math.sqrt((ones * (1 - mean) ** 2 + fives * (5 - mean) ** 2) / (n - 1));

    // Act
    const metrics = await csiMetrics(store, { from: '2025-03-01', to: '2025-03-31' });

    // Assess: the t the interval was built with, read back from its width
    const { low = 0, high = 0 } = metrics.confidenceInterval95 ?? {};
    const implied = ((high - low) / 2) * (Math.sqrt(n) / s);
    expect(implied).toBeCloseTo(t, 2);
  });

  it('gives no confidence interval for a single rating', async () => {
    // Prepare
    givenMonth('2025-03', [
      { day: '2025-03-04', counters: { sent: 1, rated: 1, scoreSum: 2, d2: 1 } },
    ]);

    // Act
    const metrics = await csiMetrics(store, { from: '2025-03-01', to: '2025-03-31' });

    // Assess
    expect(metrics.average).toBe(2);
    expect(metrics.confidenceInterval95).toBeNull();
  });

  it('gives no mean, rate or interval when nothing was sent or rated', async () => {
    // Act
    const metrics = await csiMetrics(store, { from: '2025-03-01', to: '2025-03-31' });

    // Assess
    expect(metrics).toMatchObject({
      sent: 0,
      rated: 0,
      responseRate: null,
      average: null,
      confidenceInterval95: null,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    });
  });

  it('follows LastEvaluatedKey through every page of a month', async () => {
    // Prepare
    const lastKey = csiAggregateKey('2025-03-04', '-#-');
    ddb
      .on(QueryCommand)
      .resolvesOnce({
        Items: [aggregate({ day: '2025-03-04', counters: skewed })],
        LastEvaluatedKey: lastKey,
      })
      .resolvesOnce({ Items: [aggregate({ day: '2025-03-05', counters: { sent: 5 } })] })
      .resolves({ Items: [] });

    // Act
    const metrics = await csiMetrics(store, { from: '2025-03-01', to: '2025-03-31' });

    // Assess
    expect(ddb).toReceiveCommandTimes(QueryCommand, 2);
    expect(ddb).toReceiveNthCommandWith(QueryCommand, 1, { ExclusiveStartKey: undefined });
    expect(ddb).toReceiveNthCommandWith(QueryCommand, 2, { ExclusiveStartKey: lastKey });
    expect(metrics.sent).toBe(25);
    expect(metrics.rated).toBe(10);
  });

  it('skips items that are not aggregates and counts missing counters as zero', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({
      Items: [
        { ...csiAggregateKey('2025-03-04', 'junk'), sent: 1000 },
        aggregate({ day: '2025-03-04', counters: { sent: 3 } }),
      ],
    });

    // Act
    const metrics = await csiMetrics(store, { from: '2025-03-01', to: '2025-03-31' });

    // Assess
    expect(metrics).toMatchObject({ sent: 3, rated: 0, unconfirmedClicks: 0 });
  });
});
