import { COUNTERS, type Counter } from '#shared/data/aggregate.ts';
import type { DataStores } from '#shared/data/data-stores.ts';
import { reportedUnit } from '#shared/kernel/business-unit-alias.ts';
import type { RatingSettings } from '#shared/settings/rating-settings.ts';

type RatingPolicy = RatingSettings['policy'];

export interface CsiQuery {
  readonly from: string;
  readonly to: string;
  readonly businessUnit?: string | undefined;
  readonly service?: string | undefined;
  /** The units the asker may see (docs/access.md): every one, or these ids. */
  readonly units?: 'all' | readonly string[];
}

/** Two-sided 95 % quantiles of Student's t for 1–30 degrees of freedom, then 40, 60, 120; 1.96 beyond. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];
// Between rows the lower row's (larger) value: the interval errs on the wide side.
const tQuantile = (df: number): number => {
  if (df <= T95.length) return T95[df - 1] ?? 1.96;
  if (df <= 40) return 2.042;
  if (df <= 60) return 2.021;
  if (df <= 120) return 2.0;
  return 1.98;
};

const sumCounters = (items: readonly Record<Counter, number>[]): Record<Counter, number> => {
  const total = Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>;
  for (const item of items) for (const counter of COUNTERS) total[counter] += item[counter];
  return total;
};

type Distribution = Record<1 | 2 | 3 | 4 | 5, number>;

/** n, mean and the 95 % interval of the mean (x̄ ± t·s/√n, s from the distribution). */
const figures = (distribution: Distribution) => {
  const entries = Object.entries(distribution).map(([score, count]) => [Number(score), count]);
  const n = entries.reduce((sum, [, count = 0]) => sum + count, 0);
  const sum = entries.reduce((total, [score = 0, count = 0]) => total + score * count, 0);
  const mean = n > 0 ? sum / n : null;
  let confidenceInterval: { low: number; high: number } | null = null;
  if (mean !== null && n > 1) {
    const squares = entries.reduce(
      (total, [score = 0, count = 0]) => total + count * (score - mean) ** 2,
      0
    );
    const halfWidth = (tQuantile(n - 1) * Math.sqrt(squares / (n - 1))) / Math.sqrt(n);
    confidenceInterval = {
      low: round(Math.max(1, mean - halfWidth)),
      high: round(Math.min(5, mean + halfWidth)),
    };
  }
  return { n, average: mean === null ? null : round(mean), confidenceInterval };
};

const matches = (part: string, name: string, filter: string | undefined) =>
  filter === undefined || part === filter || name === filter;

/**
 * CSI for a period from the daily aggregates (never a scan of responses): sent, rated,
 * response rate, mean, distribution, and the 95 % confidence interval of the mean
 * (x̄ ± t·s/√n, s from the distribution). The CSI figure follows the installation's rating
 * policy (`includes` names what it counts: confirmed answers, and under `balanced` the
 * inferred ones too); confirmed, inferred and rejected-as-scanner are also given apart. Filters match a business unit or service by id
 * or by name.
 */
export const csiMetrics = async (
  deps: Pick<DataStores, 'aggregates'>,
  query: CsiQuery,
  policy: RatingPolicy = 'balanced'
) => {
  // All units' days, then the filter: a unit or service matches by id or by name, and a
  // name is no key (a unit's partition is keyed by its id).
  const items = await deps.aggregates.daysBetween(query.from, query.to);
  const selected = items.filter((item) => {
    const [bu = '-', service = '-'] = item.dimension.split('#');
    return (
      item.day >= query.from &&
      item.day <= query.to &&
      // Every unassigned value's counters (`unassigned~<hash>`) count as `unassigned`.
      matches(reportedUnit(bu), item.businessUnitName, query.businessUnit) &&
      (query.units === undefined || query.units === 'all' || query.units.includes(bu)) &&
      matches(service, item.serviceName, query.service)
    );
  });
  const total = sumCounters(selected);
  const confirmed: Distribution = {
    1: total.d1,
    2: total.d2,
    3: total.d3,
    4: total.d4,
    5: total.d5,
  };
  const inferred: Distribution = {
    1: total.i1,
    2: total.i2,
    3: total.i3,
    4: total.i4,
    5: total.i5,
  };
  // The CSI figure: confirmed answers only (strict), or with the inferred ones (balanced).
  const includesInferred = policy === 'balanced';
  const distribution: Distribution = includesInferred
    ? {
        1: confirmed[1] + inferred[1],
        2: confirmed[2] + inferred[2],
        3: confirmed[3] + inferred[3],
        4: confirmed[4] + inferred[4],
        5: confirmed[5] + inferred[5],
      }
    : confirmed;
  const csi = figures(distribution);
  const ofConfirmed = figures(confirmed);
  const ofInferred = figures(inferred);
  return {
    from: query.from,
    to: query.to,
    businessUnit: query.businessUnit ?? null,
    service: query.service ?? null,
    policy,
    includes: includesInferred ? ['confirmed', 'inferred'] : ['confirmed'],
    sent: total.sent,
    rated: csi.n,
    responseRate: total.sent > 0 ? round(csi.n / total.sent) : null,
    average: csi.average,
    confidenceInterval95: csi.confidenceInterval,
    distribution,
    confirmed: { rated: ofConfirmed.n, average: ofConfirmed.average, distribution: confirmed },
    inferred: { rated: ofInferred.n, average: ofInferred.average, distribution: inferred },
    rejectedAsScanner: total.scannerRejected,
    unconfirmedClicks: total.clicks,
    followUpsOpened: total.followUpsOpened,
    followUpsResolved: total.followUpsResolved,
  };
};

const round = (value: number) => Math.round(value * 10000) / 10000;
