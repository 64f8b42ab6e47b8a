/**
 * `npm run bench`: the cost and speed figures of issue 8 on a local runtime of its own (free
 * ports, DynamoDB Local in memory, short timers), printed and written to docs/benchmarks.md
 * below its hand-written head. `--quick` runs every part at small sizes, once (a smoke run
 * that checks the suite works; its figures mean nothing); `--no-write` leaves the file;
 * `--only cost,rating,metrics,intake,bundles` runs some parts; `--answer-rate 0.12` and
 * `--low-share 0.04` set the cost model's weights.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { format, resolveConfig } from 'prettier';
import { fromRoot } from '#lib/config/paths.ts';
import { startBenchRuntime } from './bench-runtime.ts';
import { bundleFigures } from './bundle-figures.ts';
import { DEFAULT_RATES, PATHS, type PathName } from './cost-model.ts';
import { metricsFigure } from './metrics-figure.ts';
import { figureRows, renderGenerated, type BenchResults } from './report.ts';
import { intakeFigure, ratingFigure } from './speed.ts';
import { runPath, type PathRun } from './survey-paths.ts';

const PARTS = ['cost', 'rating', 'metrics', 'intake', 'bundles'] as const;
type Part = (typeof PARTS)[number];
const isPart = (value: string): value is Part => (PARTS as readonly string[]).includes(value);

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    only: { type: 'string' },
    'answer-rate': { type: 'string' },
    'low-share': { type: 'string' },
  },
});
const quick = values.quick && !values.full;
const only = (values.only ?? PARTS.join(',')).split(',').map((p) => p.trim());
const unknown = only.filter((p) => !isPart(p));
if (unknown.length > 0) throw new Error(`unknown --only part(s): ${unknown.join(', ')}`);
const parts = new Set(only.filter(isPart));
const rate = (text: string | undefined, fallback: number) => {
  const value = text === undefined ? fallback : Number(text);
  if (!(value >= 0 && value <= 1)) throw new Error(`a rate between 0 and 1, not ${text ?? ''}`);
  return value;
};
const rates = {
  answerRate: rate(values['answer-rate'], DEFAULT_RATES.answerRate),
  lowShare: rate(values['low-share'], DEFAULT_RATES.lowShare),
};

const SIZES = quick
  ? {
      timers: { sendDelay: 'PT1S', reminderAfter: 'PT3S', expireAfterReminder: 'PT3S' },
      warmUp: false,
      samples: 1,
      intake: { perRound: 8, rounds: 1 },
      rating: { perRound: 3, rounds: 1 },
      metrics: { dimensions: 1, requests: 2, rounds: 1, large: 10_000 },
      bundleRounds: 0,
    }
  : {
      timers: { sendDelay: 'PT1S', reminderAfter: 'PT20S', expireAfterReminder: 'PT20S' },
      warmUp: true,
      samples: 5,
      intake: { perRound: 120, rounds: 5 },
      rating: { perRound: 30, rounds: 5 },
      metrics: { dimensions: 50, requests: 8, rounds: 3, large: 1_000_000 },
      // Five fresh processes per side: on a shared 2-core machine three left the median to chance.
      bundleRounds: 5,
    };
const sizeText = quick
  ? 'quick: 1 survey per path, small loads, one round, bundles skipped'
  : `${SIZES.samples} surveys per path after a warm-up, intake ${SIZES.intake.perRound} × ${SIZES.intake.rounds} rounds per concurrency, ${SIZES.rating.perRound} ratings × ${SIZES.rating.rounds} rounds, metrics ${SIZES.metrics.requests} requests × ${SIZES.metrics.rounds} rounds over ${SIZES.metrics.dimensions} dimensions, cold imports × ${SIZES.bundleRounds}`;

const steps =
  (parts.has('cost') ? PATHS.length + (SIZES.warmUp ? 1 : 0) : 0) +
  (parts.has('rating') ? SIZES.rating.rounds : 0) +
  (parts.has('metrics') ? 2 + SIZES.metrics.rounds : 0) +
  (parts.has('intake') ? 4 * SIZES.intake.rounds : 0) +
  (parts.has('bundles') ? 1 : 0) +
  1;
const bar = new cliProgress.SingleBar(
  {
    format: 'bench [{bar}] {value}/{total} {step}',
    hideCursor: true,
    stream: process.stderr,
    // In CI (no terminal) a line every 15 s instead of a redrawn bar.
    noTTYOutput: true,
    notTTYSchedule: 15_000,
  },
  cliProgress.Presets.shades_classic
);
const started = Date.now();
bar.start(steps, 0, { step: 'starting the local runtime' });
const advance = (step: string) => {
  bar.increment(1, { step });
};

const pathTimeoutMs = 120_000;
const results: { -readonly [K in keyof BenchResults]: BenchResults[K] } = { rates };
const bench = await startBenchRuntime(SIZES.timers);
try {
  advance('cost: survey paths');
  if (parts.has('cost')) {
    if (SIZES.warmUp) {
      // One survey of each path first, so the measured ones run warm (modules imported).
      await Promise.all(PATHS.map((path) => runPath(bench, path, 1, pathTimeoutMs)));
      advance('cost: warm-up done');
    }
    const runs: Partial<Record<PathName, PathRun>> = {};
    for (const path of PATHS) {
      runs[path] = await runPath(bench, path, SIZES.samples, pathTimeoutMs);
      advance(`cost: ${path} done`);
    }
    const { rated5, ratedLow, unanswered } = runs;
    if (rated5 && ratedLow && unanswered) results.paths = { rated5, ratedLow, unanswered };
  }
  if (parts.has('rating')) {
    results.rating = await ratingFigure(bench, SIZES.rating.perRound, SIZES.rating.rounds, () => {
      advance('rating POST vs transaction');
    });
  }
  if (parts.has('metrics')) {
    results.metrics = await metricsFigure(bench, SIZES.metrics, () => {
      advance('metrics 1k vs 1M');
    });
  }
  if (parts.has('intake')) {
    const figures = [];
    // Held back first: no workflow of this part is running yet, so that pass shows intake alone.
    for (const workflows of ['held back', 'running'] as const)
      for (const concurrency of [8, 32]) {
        const { perRound, rounds } = SIZES.intake;
        figures.push(
          await intakeFigure(
            bench,
            concurrency,
            perRound,
            rounds,
            () => {
              advance(`intake c = ${String(concurrency)}, workflows ${workflows}`);
            },
            workflows
          )
        );
      }
    results.intake = figures;
  }
} finally {
  await bench.stop();
}
if (parts.has('bundles')) {
  results.bundles = quick
    ? { measured: false, why: 'skipped in --quick' }
    : await bundleFigures(SIZES.bundleRounds);
  advance('bundles');
}
bar.stop();

const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};
const dirty =
  git('status', '--porcelain', '--untracked-files=no') === '' ? '' : ' (with local changes)';
const cpu = cpus();
const machine = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  commit: `${git('rev-parse', '--short', 'HEAD')}${dirty}`,
  cpus: `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`,
  memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  node: process.versions.node,
  mode: quick ? '--quick' : 'full',
  seconds: (Date.now() - started) / 1000,
};
const generated = renderGenerated(results, machine, sizeText);
console.log(generated);

const MARKER = '<!-- Everything below is written by npm run bench. -->';
if (!values['no-write']) {
  const file = fromRoot('docs/benchmarks.md');
  const current = await readFile(file, 'utf8').catch(() => '');
  const head = current.includes(MARKER)
    ? current.slice(0, current.indexOf(MARKER))
    : '# Benchmarks\n\n';
  // Formatted as `npm run lint` checks it (prettier --check .).
  const text = `${head}${MARKER}\n\n${generated}\n`;
  await writeFile(file, await format(text, { ...(await resolveConfig(file)), filepath: file }));
  console.error(`written to docs/benchmarks.md`);
}
// The smoke run fails only when the suite itself broke (an exception above), never on a figure.
console.error(`${figureRows(results).length} figures; ${machine.seconds.toFixed(0)} s`);
process.exit(0);
