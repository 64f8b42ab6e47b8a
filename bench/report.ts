import {
  costOf,
  perSurvey,
  surveyTransitionFigures,
  weightedTicket,
  PATHS,
  type PathName,
  type ResponseRates,
} from './cost-model.ts';
import { PRICES, PRICES_AS_OF, type Region } from './prices.ts';
import type { BundleFigures } from './bundle-figures.ts';
import type { MetricsFigure } from './metrics-figure.ts';
import type { IntakeFigure, RatingFigure } from './speed.ts';
import type { PathRun } from './survey-paths.ts';
import type { WriteLine } from './capacity-proxy.ts';

/** What one bench run measured; a part left out (`--only`) is undefined. */
export interface BenchResults {
  readonly paths?: Readonly<Record<PathName, PathRun>> | undefined;
  readonly rates: ResponseRates;
  readonly intake?: readonly IntakeFigure[] | undefined;
  readonly rating?: RatingFigure | undefined;
  readonly metrics?: MetricsFigure | undefined;
  readonly bundles?: BundleFigures | undefined;
}

export interface FigureRow {
  readonly figure: string;
  readonly value: string;
  readonly ratio: string;
  readonly goal: string;
  readonly meets: 'yes' | 'no' | '—';
  readonly command: string;
}

const usd = (v: number) => `$${v.toFixed(3)}`;
const n = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
const ms = (v: number) => `${n(v, 1)} ms`;
const verdict = (ok: boolean): 'yes' | 'no' => (ok ? 'yes' : 'no');
const cmd = (only: string) => `npm run bench -- --only ${only}`;
const notMeasured = (
  figure: string,
  goal: string,
  only: string,
  why = 'not measured'
): FigureRow => ({
  figure,
  value: why,
  ratio: '—',
  goal,
  meets: '—',
  command: cmd(only),
});

const costRows = (results: BenchResults): FigureRow[] => {
  const paths = results.paths;
  if (!paths)
    return [
      notMeasured('Cost per 1,000 resolved tickets', '≤ 1.5 × the mails', 'cost'),
      notMeasured('State transitions per survey', 'unanswered ≤ 3, rated ≤ 2', 'cost'),
      notMeasured('DynamoDB WRU per ticket', '≤ 20', 'cost'),
    ];
  const usage = Object.fromEntries(PATHS.map((p) => [p, paths[p].usage])) as Record<
    PathName,
    PathRun['usage']
  >;
  const ticket = weightedTicket(usage, results.rates);
  const rows: FigureRow[] = (['us-east-1', 'eu-central-1'] as const).map((region: Region) => {
    const cost = costOf(ticket, PRICES[region]);
    return {
      figure: `Cost per 1,000 resolved tickets, ${region} (SFN ${usd(cost.stepFunctions)}, SES ${usd(cost.ses)}, DynamoDB ${usd(cost.dynamoDb)}, Lambda ${usd(cost.lambda)}, HTTP API ${usd(cost.httpApi)}, Scheduler ${usd(cost.scheduler)})`,
      value: usd(cost.total),
      ratio: `${n(cost.ratioToMails)} × the mails (${usd(cost.ses)})`,
      goal: '≤ 1.5 ×',
      meets: verdict(cost.ratioToMails <= 1.5),
      command: cmd('cost'),
    };
  });
  const t = surveyTransitionFigures(usage, results.rates);
  rows.push({
    figure: 'State transitions per survey (survey workflow): unanswered',
    value: n(t.unanswered, 1),
    ratio: '—',
    goal: '≤ 3',
    meets: verdict(t.unanswered <= 3),
    command: cmd('cost'),
  });
  rows.push({
    figure: `State transitions per survey: rated, mean (rated 5: ${n(t.rated5, 1)}, rated low: ${n(t.ratedLow, 1)})`,
    value: n(t.ratedMean, 2),
    ratio: '—',
    goal: '≤ 2',
    meets: verdict(t.ratedMean <= 2),
    command: cmd('cost'),
  });
  rows.push({
    figure: 'DynamoDB write units per ticket (weighted; table and indexes)',
    value: n(ticket.writeUnits, 1),
    ratio: '—',
    goal: '≤ 20',
    meets: verdict(ticket.writeUnits <= 20),
    command: cmd('cost'),
  });
  return rows;
};

const ratingRow = (rating: RatingFigure | undefined): FigureRow =>
  rating
    ? {
        figure: `Rating POST p95 ÷ raw 3-item TransactWriteItems p95 (POST p50 ${ms(rating.post.p50Ms)}, p95 ${ms(rating.post.p95Ms)}; transaction p50 ${ms(rating.transaction.p50Ms)}, p95 ${ms(rating.transaction.p95Ms)}; ${rating.ratings} ratings, ${rating.expired} expired before their turn)`,
        value: ms(rating.post.p95Ms),
        ratio: `${n(rating.ratio)} ×`,
        goal: '≤ 2 ×',
        meets: verdict(rating.ratio <= 2),
        command: cmd('rating'),
      }
    : notMeasured('Rating POST p95 ÷ raw 3-item TransactWriteItems p95', '≤ 2 ×', 'rating');

const bundleRows = (bundles: BundleFigures | undefined): FigureRow[] => {
  if (!bundles?.measured) {
    const why = bundles ? `not measured: ${bundles.why}` : 'not measured';
    return [
      notMeasured('Lambda bundle size (largest)', '≤ 300 KB', 'bundles', why),
      notMeasured(
        'Cold import() ÷ bare bundle with the same SDK clients (worst)',
        '≤ 1.2 ×',
        'bundles',
        why
      ),
    ];
  }
  const largest = [...bundles.sizes].sort((a, b) => b.bytes - a.bytes)[0];
  const smallest = [...bundles.sizes].sort((a, b) => a.bytes - b.bytes)[0];
  return [
    {
      figure: `Lambda bundle size, largest (${largest?.id ?? '?'}; smallest ${smallest?.id ?? '?'} ${n((smallest?.bytes ?? 0) / 1024, 0)} KB; ${bundles.sizes.length} bundles)`,
      value: `${n((largest?.bytes ?? 0) / 1024, 0)} KB`,
      ratio: '—',
      goal: '≤ 300 KB',
      meets: verdict((largest?.bytes ?? Infinity) <= 300 * 1024),
      command: cmd('bundles'),
    },
    ...importRows(bundles.ratios),
  ];
};

type Ratio = Extract<BundleFigures, { measured: true }>['ratios'][number];

/**
 * One row per baseline: functions with SDK clients against a bare bundle of the same
 * clients; those with none against the handler floor (middy, Powertools), since a
 * bundle of nothing is only Node's own start (bench/bundles.ts, ImportBaseline).
 */
const importRows = (ratios: readonly Ratio[]): FigureRow[] =>
  (
    [
      ['sdk-clients', 'bare bundle with the same SDK clients'],
      ['handler-floor', 'bare bundle with middy and Powertools (functions without SDK clients)'],
    ] as const
  ).flatMap(([baseline, against]) => {
    const of = ratios.filter((r) => r.baseline === baseline);
    const worst = [...of].sort((a, b) => b.ratio - a.ratio)[0];
    const best = [...of].sort((a, b) => a.ratio - b.ratio)[0];
    if (!worst || !best) return [];
    return [
      {
        figure: `Cold import() ÷ ${against}, worst (${worst.id}: ${ms(worst.bundleMs)} vs ${ms(worst.bareMs)}; best ${n(best.ratio)} ×; ${of.length} functions)`,
        value: ms(worst.bundleMs),
        ratio: `${n(worst.ratio)} ×`,
        goal: '≤ 1.2 ×',
        meets: verdict(worst.ratio <= 1.2),
        command: cmd('bundles'),
      },
    ];
  });

const intakeRows = (intake: readonly IntakeFigure[] | undefined): FigureRow[] => {
  if (!intake)
    return [
      notMeasured(
        'Webhook intake throughput ÷ raw conditional PutItem',
        '≥ 0.5 at c = 8',
        'intake'
      ),
    ];
  return intake.map((f) => ({
    figure: `Webhook intake throughput ÷ raw conditional PutItem, c = ${f.concurrency}, workflows ${f.workflows} (webhook ${n(f.webhook.perSecond, 1)}/s, p50 ${ms(f.webhook.p50Ms)}, p95 ${ms(f.webhook.p95Ms)}; PutItem ${n(f.putItem.perSecond, 1)}/s, p50 ${ms(f.putItem.p50Ms)}, p95 ${ms(f.putItem.p95Ms)})`,
    value: `${n(f.webhook.perSecond, 1)}/s`,
    ratio: n(f.ratio),
    // The goal is of c = 8 with the workflows running; the rest is reported to explain it.
    goal: f.concurrency === 8 && f.workflows === 'running' ? '≥ 0.5' : '— (reported)',
    meets: f.concurrency === 8 && f.workflows === 'running' ? verdict(f.ratio >= 0.5) : '—',
    command: cmd('intake'),
  }));
};

const metricsRow = (metrics: MetricsFigure | undefined): FigureRow =>
  metrics
    ? {
        figure: `Metrics API latency, a year at 1M ÷ 1k responses (p50 ${ms(metrics.large.p50Ms)} over ${metrics.large.items} aggregate items vs ${ms(metrics.small.p50Ms)} over ${metrics.small.items}; p95 ${ms(metrics.large.p95Ms)} vs ${ms(metrics.small.p95Ms)})`,
        value: ms(metrics.large.p50Ms),
        ratio: `${n(metrics.ratio)} ×`,
        goal: '— (reported)',
        meets: '—',
        command: cmd('metrics'),
      }
    : notMeasured('Metrics API latency at 1M ÷ 1k responses', '— (reported)', 'metrics');

export const figureRows = (results: BenchResults): FigureRow[] => [
  ...costRows(results),
  ratingRow(results.rating),
  ...bundleRows(results.bundles),
  ...intakeRows(results.intake),
  metricsRow(results.metrics),
];

const escape = (cell: string) => cell.replace(/\|/g, '\\|');
const table = (header: readonly string[], rows: readonly (readonly string[])[]) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(escape).join(' | ')} |`),
  ].join('\n');

/** The per-path counts behind the cost figures. */
export const pathTable = (paths: Readonly<Record<PathName, PathRun>>): string =>
  table(
    [
      'path (per survey)',
      'surveys',
      'survey-workflow transitions',
      'all transitions',
      'Lambda invocations',
      'Lambda GB-s',
      'WRU',
      'RRU',
      'HTTP requests',
      'mails',
      'scheduler',
      'outcomes',
    ],
    PATHS.map((path) => {
      const run = paths[path];
      const one = perSurvey(run.usage);
      return [
        path,
        String(run.usage.surveys),
        n(one.surveyTransitions, 1),
        n(one.transitions, 1),
        n(one.lambdaInvocations, 1),
        n(one.lambdaGbSeconds, 3),
        n(one.writeUnits, 1),
        n(one.readUnits, 1),
        n(one.httpRequests, 1),
        n(one.mails, 1),
        n(one.schedulerInvocations, 1),
        [...new Set(run.outcomes)].join(', '),
      ];
    })
  );

/**
 * Where one path's write units go, per survey: each item kind with its units, largest
 * first, and the operations that wrote it (a transaction's part is `Transact Put`…, at
 * 2 WRU per item and KB; an item's index writes are counted with it).
 */
export const writeBreakdown = (
  writes: Readonly<Record<string, WriteLine>>,
  surveys: number
): string => {
  const per = Math.max(1, surveys);
  const byKind = new Map<string, WriteLine[]>();
  for (const line of Object.values(writes))
    byKind.set(line.kind, [...(byKind.get(line.kind) ?? []), line]);
  const total = (lines: readonly WriteLine[]) => lines.reduce((s, l) => s + l.writeUnits, 0);
  return [...byKind.entries()]
    .sort(([, a], [, b]) => total(b) - total(a))
    .map(([kind, lines]) => {
      const detail = [...lines]
        .sort((a, b) => b.writeUnits - a.writeUnits)
        .map((l) => `${l.operation} ${n(l.writes / per, 1)} × → ${n(l.writeUnits / per, 1)}`)
        .join(', ');
      return `${kind} ${n(total(lines) / per, 1)} (${detail})`;
    })
    .join('; ');
};

export interface MachineFacts {
  readonly date: string;
  readonly commit: string;
  readonly cpus: string;
  readonly memory: string;
  readonly node: string;
  readonly mode: string;
  readonly seconds: number;
}

export const renderGenerated = (
  results: BenchResults,
  machine: MachineFacts,
  sizes: string
): string => {
  const parts = [
    `Generated by \`npm run bench\` on ${machine.date}, commit \`${machine.commit}\`, ${machine.cpus}, ${machine.memory}, Node.js ${machine.node}; mode ${machine.mode} (${sizes}); ${n(machine.seconds, 0)} s. Prices of ${PRICES_AS_OF} (bench/prices.ts). Weights: ${n(results.rates.answerRate * 100, 0)} % answer, ${n(results.rates.lowShare * 100, 0)} % of answers below 5, one reminder to the rest.`,
    '',
    table(
      ['figure', 'value', 'ratio', 'goal', 'meets', 'command'],
      figureRows(results).map((r) => [
        r.figure,
        r.value,
        r.ratio,
        r.goal,
        r.meets,
        `\`${r.command}\``,
      ])
    ),
  ];
  if (results.paths) {
    parts.push('', '### Counts per survey path', '', pathTable(results.paths));
    const functions = PATHS.map(
      (p) =>
        `- ${p}: ${Object.entries(results.paths?.[p].functions ?? {})
          .map(([id, count]) => `${id} ${count}`)
          .join(', ')}`
    );
    parts.push('', 'Lambda invocations by function (all samples of the path):', '', ...functions);
    const writes = PATHS.map((p) => {
      const run = results.paths?.[p];
      return `- ${p}: ${run ? writeBreakdown(run.writes, run.usage.surveys) : ''}`;
    });
    parts.push(
      '',
      'Write units per survey by item kind (what the operations wrote: writes per survey → WRU, table and indexes):',
      '',
      ...writes
    );
  }
  return parts.join('\n');
};
