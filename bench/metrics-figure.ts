import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { csiAggregateKey, csiAggregateMonthEntry } from '#shared/data/keys.ts';
import type { BenchRuntime } from './bench-runtime.ts';
import { median, quantile, runPool } from './stats.ts';

/**
 * Metrics API latency at 1k against 1M responses. GET /v1/metrics/csi never reads
 * responses: it sums the daily aggregates (one item per day × business unit × service,
 * read by month on gsi1), so what grows with the responses is the number of aggregate
 * items in the period, up to days × dimensions. The bench seeds, for one year each:
 *  - "1k": 1,000 responses scattered at random over the year's days × `dimensions`
 *    (an item per distinct day × dimension hit, ≈ 1,000 items);
 *  - "1M": 1,000,000 responses, which touch every day × dimension: all 365 × `dimensions`
 *    items, with counters summing to 1M.
 * Seeded straight into DynamoDB Local with the store's own keys (not counted).
 */

const DAY_MS = 86_400_000;
const daysOf = (year: number): string[] => {
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
};

const dimensionOf = (i: number) => `BU${String(Math.floor(i / 5)).padStart(2, '0')}#S${i % 5}`;

/** Aggregates of `responses` responses over `year`: counts per (day, dimension). */
const countsFor = (year: number, dimensions: number, responses: number) => {
  const days = daysOf(year);
  const cells = days.length * dimensions;
  const counts = new Map<number, number>();
  if (responses >= cells * 10) {
    // Spread evenly: every cell gets its share (the remainder to the first cells).
    const base = Math.floor(responses / cells);
    for (let c = 0; c < cells; c++) counts.set(c, base + (c < responses % cells ? 1 : 0));
  } else {
    for (let r = 0; r < responses; r++) {
      const c = Math.floor(Math.random() * cells);
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  }
  return [...counts].map(([cell, rated]) => ({
    day: days[Math.floor(cell / dimensions)] ?? days[0] ?? `${year}-01-01`,
    dimension: dimensionOf(cell % dimensions),
    rated,
  }));
};

const seed = async (bench: BenchRuntime, year: number, dimensions: number, responses: number) => {
  const rows = countsFor(year, dimensions, responses);
  const batches: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += 25) batches.push(rows.slice(i, i + 25));
  await runPool(batches.length, 4, async (b) => {
    let items: Record<string, unknown>[] = (batches[b] ?? []).map(({ day, dimension, rated }) => {
      const fives = Math.round(rated * 0.7);
      const fours = rated - fives;
      return {
        ...csiAggregateKey(day, dimension),
        ...csiAggregateMonthEntry(day, dimension),
        day,
        dimension,
        businessUnitName: dimension.split('#')[0] ?? '-',
        serviceName: dimension.split('#')[1] ?? '-',
        sent: Math.round(rated / 0.12),
        rated,
        scoreSum: fives * 5 + fours * 4,
        d4: fours,
        d5: fives,
      };
    });
    while (items.length > 0) {
      const out = await bench.documents.send(
        new BatchWriteCommand({
          RequestItems: {
            [bench.runtime.tableName]: items.map((Item) => ({ PutRequest: { Item } })),
          },
        })
      );
      const left = out.UnprocessedItems?.[bench.runtime.tableName] ?? [];
      items = left.flatMap((r) => (r.PutRequest?.Item ? [r.PutRequest.Item] : []));
    }
  });
  return rows.length;
};

export interface MetricsFigure {
  readonly small: { readonly items: number; readonly p50Ms: number; readonly p95Ms: number };
  readonly large: { readonly items: number; readonly p50Ms: number; readonly p95Ms: number };
  readonly dimensions: number;
  /** p50 at 1M ÷ p50 at 1k. */
  readonly ratio: number;
}

export const metricsFigure = async (
  bench: BenchRuntime,
  {
    dimensions,
    requests,
    rounds,
    large,
  }: { dimensions: number; requests: number; rounds: number; large: number },
  onStep: () => void
): Promise<MetricsFigure> => {
  const smallItems = await seed(bench, 2023, dimensions, 1000);
  onStep();
  const largeItems = await seed(bench, 2024, dimensions, large);
  onStep();
  const get = async (year: number) => {
    const response = await fetch(
      `${bench.runtime.urls.api}/v1/metrics/csi?from=${year}-01-01&to=${year}-12-31`,
      { headers: { authorization: `Bearer ${bench.adminToken}`, accept: 'application/json' } }
    );
    await response.text();
    if (response.status !== 200) throw new Error(`metrics answered ${response.status}`);
  };
  const small: { p50: number; p95: number }[] = [];
  const big: { p50: number; p95: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    const s: number[] = [];
    const l: number[] = [];
    for (let i = 0; i < requests; i++) {
      let t = performance.now();
      await get(2023);
      s.push(performance.now() - t);
      t = performance.now();
      await get(2024);
      l.push(performance.now() - t);
    }
    small.push({ p50: median(s), p95: quantile(s, 0.95) });
    big.push({ p50: median(l), p95: quantile(l, 0.95) });
    onStep();
  }
  const smallP50 = median(small.map((r) => r.p50));
  const largeP50 = median(big.map((r) => r.p50));
  return {
    small: { items: smallItems, p50Ms: smallP50, p95Ms: median(small.map((r) => r.p95)) },
    large: { items: largeItems, p50Ms: largeP50, p95Ms: median(big.map((r) => r.p95)) },
    dimensions,
    ratio: largeP50 / smallP50,
  };
};
