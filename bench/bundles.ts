import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { fromRoot } from '#lib/config/paths.ts';
import {
  bundleOptions,
  DEPLOYED_BUNDLE,
  type BundleChoice,
} from '#lib/bundling/function-bundle.ts';
import { functionEnvironment } from '#lib/definitions/function-environment.ts';
import { functionDefinitions, type CatalogueFunction } from '#lib/definitions/index.ts';

/**
 * The bundle figures of issue 8: each catalogue function built as the CDK builds it
 * (lib/bundling/function-bundle.ts), its size and what fills it, and how long a cold `import()`
 * of it takes in a fresh Node.js 24 process against a bare bundle holding only the same SDK
 * clients (constructed), built with the same options. The benchmark (bench/*) calls these;
 * `npx tsx bench/bundles.ts [--rounds N] [--ids A,B] [--before] [--compare]` prints them alone.
 */

export interface BundleInput {
  /** A package name (`zod`, `@smithy/core`) or `app` for our own sources. */
  readonly input: string;
  readonly bytes: number;
}

export interface BundleSize {
  readonly id: string;
  /** Size of index.mjs, the code Node loads at init. */
  readonly bytes: number;
  /** The largest contributors, by bytes in the output. */
  readonly topInputs: readonly BundleInput[];
  /** zod's locale files in the bundle (`en.js` alone, or none, is the goal). */
  readonly zodLocales: readonly string[];
  /** The SDK clients the bundle imports (bundled or from the runtime). */
  readonly sdkClients: readonly string[];
}

export interface ImportTime {
  /** Wall time from `import()` to its settling. */
  readonly wallMs: number;
  /** CPU time (user + system) of the process over the same span: steadier on a busy machine. */
  readonly cpuMs: number;
}

/**
 * What a function's cold import is compared with: a bare bundle constructing the same SDK
 * clients (`sdk-clients`), or, for a function that has none, the handler floor every
 * function imports whatever it does (`handler-floor`: middy, Powertools Logger and Metrics,
 * constructed). Against a bundle of no clients (a few ms of Node itself) any code
 * at all is a large ratio: 10 × for GetOpenApi, whose own work is a JSON document.
 */
export type ImportBaseline = 'sdk-clients' | 'handler-floor';

export interface ColdImportRatio {
  readonly id: string;
  readonly sdkClients: readonly string[];
  readonly baseline: ImportBaseline;
  /** Medians of the rounds. */
  readonly bundle: ImportTime;
  readonly bare: ImportTime;
  /** bundle ÷ bare, CPU time (the figure of issue 8). */
  readonly ratio: number;
  /** bundle ÷ bare, wall time (noisy when other processes share the cores). */
  readonly wallRatio: number;
}

export interface BenchOptions {
  readonly choice?: BundleChoice;
  /** Function ids to measure; every catalogue function by default. */
  readonly ids?: readonly string[];
  /** NODE_OPTIONS of the child processes (e.g. `--enable-source-maps`). */
  readonly nodeOptions?: string;
  /** Called after each function, for a progress display. */
  readonly onProgress?: (done: number, total: number, id: string) => void;
}

/**
 * How the bare bundle gets each client the bundle imports: built as our wiring builds it at
 * module scope (one DynamoDBClient under the document client, functions/shared/data/
 * dynamodb-client.ts; two SES clients, functions/shared/mail/ses-client.ts; the AppConfig Data
 * client, which Powertools' AppConfigProvider builds in its constructor, at cold start, for
 * every function that reads the settings: functions/shared/settings/appconfig-settings-source.ts),
 * or only imported where the bundle builds it at first use (Secrets Manager, inside Powertools
 * Parameters).
 */
const CLIENTS: Record<string, string> = {
  '@aws-sdk/client-dynamodb': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; globalThis.c1 = new DynamoDBClient({});`,
  '@aws-sdk/lib-dynamodb': `import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; globalThis.c2 = DynamoDBDocumentClient.from(globalThis.c1);`,
  '@aws-sdk/client-sesv2': `import { SESv2Client } from '@aws-sdk/client-sesv2'; globalThis.c3 = [new SESv2Client({}), new SESv2Client({ maxAttempts: 1 })];`,
  '@aws-sdk/client-sfn': `import { SFNClient } from '@aws-sdk/client-sfn'; globalThis.c4 = new SFNClient({});`,
  '@aws-sdk/client-secrets-manager': `import * as secretsManager from '@aws-sdk/client-secrets-manager'; globalThis.c5 = secretsManager;`,
  '@aws-sdk/client-scheduler': `import { SchedulerClient } from '@aws-sdk/client-scheduler'; globalThis.c6 = new SchedulerClient({});`,
  '@aws-sdk/client-appconfigdata': `import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata'; globalThis.c7 = new AppConfigDataClient({});`,
};

/**
 * The handler floor (see ImportBaseline): middy and Powertools Logger and Metrics, which
 * every handler wrapper imports (functions/shared/http/http-handler.ts, powertools.ts). No
 * zod: a function without SDK clients need not parse anything (GetOpenApi bundles none),
 * and zod alone would outweigh it.
 */
const HANDLER_FLOOR = [
  `import middy from '@middy/core';`,
  `import { Logger } from '@aws-lambda-powertools/logger';`,
  `import { Metrics } from '@aws-lambda-powertools/metrics';`,
  `globalThis.f = [middy(() => undefined), new Logger(), new Metrics()];`,
].join('\n');

const packageOf = (input: string): string => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1] ?? 'app';
};

const sdkClientsOf = (metafile: Metafile): string[] => {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  const names = [
    ...Object.keys(metafile.inputs).map(packageOf),
    ...(output?.imports ?? [])
      .filter((i) => i.external)
      .map((i) => packageOf(`node_modules/${i.path}`)),
  ];
  return [...new Set(names)].filter((name) => name in CLIENTS).sort();
};

const selected = (ids?: readonly string[]): CatalogueFunction[] =>
  functionDefinitions.filter((fn) => ids === undefined || ids.includes(fn.id));

/** A scratch directory whose node_modules is the repository's, so runtime-provided modules resolve. */
const scratch = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'otklik-bundles-'));
  await symlink(fromRoot('node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
};

const bundleOf = async (fn: CatalogueFunction, dir: string, choice: BundleChoice) => {
  const outfile = join(dir, fn.id, 'index.mjs');
  const result = await build({ ...bundleOptions(fn.entry, outfile, choice), metafile: true });
  return { outfile, metafile: result.metafile };
};

const bareBundleOf = async (clients: readonly string[], dir: string, choice: BundleChoice) => {
  const outfile = join(
    dir,
    `bare-${clients.map((c) => c.replace(/\W+/g, '')).join('-')}`,
    'index.mjs'
  );
  if (existsSync(outfile)) return outfile;
  await build({
    ...bundleOptions('bench/bare.ts', outfile, choice),
    // No zod-jitless.ts: that would put zod into the bare bundle.
    inject: [],
    entryPoints: [],
    stdin: {
      contents: clients.map((c) => CLIENTS[c] ?? '').join('\n'),
      resolveDir: fromRoot('.'),
      sourcefile: 'bare.ts',
      loader: 'ts',
    },
  });
  return outfile;
};

const floorBundleOf = async (dir: string, choice: BundleChoice) => {
  const outfile = join(dir, 'handler-floor', 'index.mjs');
  if (existsSync(outfile)) return outfile;
  await build({
    // Built with the function bundles' own options (minified, the same externals).
    ...bundleOptions('bench/handler-floor.ts', outfile, choice),
    entryPoints: [],
    stdin: {
      contents: HANDLER_FLOOR,
      resolveDir: fromRoot('.'),
      sourcefile: 'handler-floor.ts',
      loader: 'ts',
    },
  });
  return outfile;
};

const sizeOf = async (
  fn: CatalogueFunction,
  outfile: string,
  metafile: Metafile
): Promise<BundleSize> => {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  const byInput = new Map<string, number>();
  for (const [path, input] of Object.entries(output?.inputs ?? {}))
    byInput.set(packageOf(path), (byInput.get(packageOf(path)) ?? 0) + input.bytesInOutput);
  return {
    id: fn.id,
    bytes: (await stat(outfile)).size,
    topInputs: [...byInput]
      .map(([input, bytes]) => ({ input, bytes }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5),
    zodLocales: Object.keys(output?.inputs ?? {})
      .filter((path) => /node_modules\/zod\/.*locales\/(?!index)[^/]+\.js$/.test(path))
      .map((path) => path.replace(/.*\//, '')),
    sdkClients: sdkClientsOf(metafile),
  };
};

/** Size and contents of each function's bundle, built with `choice` (the deployed one by default). */
export const bundleSizes = async (options: BenchOptions = {}): Promise<BundleSize[]> => {
  const dir = await scratch();
  try {
    const sizes: BundleSize[] = [];
    const fns = selected(options.ids);
    for (const fn of fns) {
      const { outfile, metafile } = await bundleOf(fn, dir, options.choice ?? DEPLOYED_BUNDLE);
      sizes.push(await sizeOf(fn, outfile, metafile));
      options.onProgress?.(sizes.length, fns.length, fn.id);
    }
    return sizes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** Node.js 24, the Lambda runtime's major (the `node` dev dependency), else this process's node. */
export const node24 = (): string => {
  const binary = fromRoot('node_modules/node/bin/node');
  return existsSync(binary) ? binary : process.execPath;
};

const fakeRefs = {
  stage: 'bench',
  tableName: 'otklik-bench',
  functionArn: (id: string) => `arn:aws:lambda:eu-central-1:000000000000:function:${id}`,
  stateMachineArn: (id: string) => `arn:aws:states:eu-central-1:000000000000:stateMachine:${id}`,
  senderAddress: 'csi@example.com',
  configurationSetName: 'otklik-bench',
  publicBaseUrl: 'https://csi.example.com',
  // The deployed source (lib/constructs/app-settings.ts): the settings' AppConfig provider and its
  // client are built at import as on AWS (nothing is read before the first request). A `file:`
  // source here measured a path no deployed function takes, and it imported the AppConfig
  // client the bare bundle did not have.
  settingsSource: 'appconfig:otklikbench/benchenv/benchprofile',
  webhookSecretId: 'otklik/bench/webhook',
  sourceCredentialsId: 'otklik/bench/sources',
  schedulerRoleArn: 'arn:aws:iam::000000000000:role/otklik-bench-scheduler',
  scheduleGroupName: 'otklik-bench',
  // Sign-in's functions (AuthorizeRequest, the sign-in routes) need an issuer to build their
  // environment; nothing is fetched from it at import.
  oidc: {
    issuer: 'https://sign-in.example.com',
    clientId: 'otklik-bench',
    rolesClaim: 'cognito:groups',
    unitsClaim: 'custom:units',
    sessionHours: 8,
  },
};

/** One `import()` of `file` in a fresh process (module-scope wiring included). */
const coldImport = (file: string, env: Record<string, string>, nodeOptions: string): ImportTime => {
  const url = JSON.stringify(pathToFileURL(file).href);
  const script = [
    'const c = process.cpuUsage(); const t = performance.now();',
    `await import(${url});`,
    'const wallMs = performance.now() - t; const u = process.cpuUsage(c);',
    'process.stdout.write(JSON.stringify({ wallMs, cpuMs: (u.user + u.system) / 1000 })); process.exit(0);',
  ].join(' ');
  const run = spawnSync(node24(), ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'eu-central-1',
      NODE_OPTIONS: nodeOptions,
      ...env,
    },
    encoding: 'utf8',
  });
  const time: unknown = run.status === 0 ? JSON.parse(run.stdout) : undefined;
  if (
    typeof time !== 'object' ||
    time === null ||
    !('wallMs' in time) ||
    !('cpuMs' in time) ||
    typeof time.wallMs !== 'number' ||
    typeof time.cpuMs !== 'number'
  )
    throw new Error(`cold import of ${file} failed: ${run.stderr.slice(0, 500)}`);
  return { wallMs: time.wallMs, cpuMs: time.cpuMs };
};

const middle = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[half] ?? 0)
    : ((sorted[half - 1] ?? 0) + (sorted[half] ?? 0)) / 2;
};

const median = (times: readonly ImportTime[]): ImportTime => ({
  wallMs: middle(times.map((t) => t.wallMs)),
  cpuMs: middle(times.map((t) => t.cpuMs)),
});

/**
 * Per function: the median cold `import()` of its bundle over `rounds` fresh processes, divided by
 * that of a bare bundle constructing only the same SDK clients (rounds alternate the two); a
 * function without SDK clients against the handler floor instead (ImportBaseline).
 */
export const coldImportRatios = async (
  rounds = 5,
  options: BenchOptions = {}
): Promise<ColdImportRatio[]> => {
  const choice = options.choice ?? DEPLOYED_BUNDLE;
  const dir = await scratch();
  try {
    const ratios: ColdImportRatio[] = [];
    const fns = selected(options.ids);
    for (const fn of fns) {
      const { outfile, metafile } = await bundleOf(fn, dir, choice);
      const sdkClients = sdkClientsOf(metafile);
      const baseline: ImportBaseline = sdkClients.length > 0 ? 'sdk-clients' : 'handler-floor';
      const bare =
        baseline === 'sdk-clients'
          ? await bareBundleOf(sdkClients, dir, choice)
          : await floorBundleOf(dir, choice);
      const env = functionEnvironment(fn, fakeRefs);
      const bundleRuns: ImportTime[] = [];
      const bareRuns: ImportTime[] = [];
      for (let round = 0; round < rounds; round += 1) {
        bundleRuns.push(coldImport(outfile, env, options.nodeOptions ?? ''));
        bareRuns.push(coldImport(bare, env, options.nodeOptions ?? ''));
      }
      const times = { bundle: median(bundleRuns), bare: median(bareRuns) };
      ratios.push({
        id: fn.id,
        sdkClients,
        baseline,
        ...times,
        ratio: times.bundle.cpuMs / times.bare.cpuMs,
        wallRatio: times.bundle.wallMs / times.bare.wallMs,
      });
      options.onProgress?.(ratios.length, fns.length, fn.id);
    }
    return ratios;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export interface SourceMapInit {
  readonly id: string;
  /** Median cold import: linked map under --enable-source-maps, no map, external map (unread). */
  readonly enabled: ImportTime;
  readonly none: ImportTime;
  readonly external: ImportTime;
}

/** What source maps cost at init, per function: the three ways to ship them, same bundle otherwise. */
export const sourceMapInit = async (
  rounds = 5,
  options: Omit<BenchOptions, 'nodeOptions'> = {}
): Promise<SourceMapInit[]> => {
  const choice = options.choice ?? DEPLOYED_BUNDLE;
  const dir = await scratch();
  try {
    const results: SourceMapInit[] = [];
    for (const fn of selected(options.ids)) {
      const env = functionEnvironment(fn, fakeRefs);
      const files = {} as Record<BundleChoice['sourceMap'], string>;
      for (const sourceMap of ['linked', 'none', 'external'] as const) {
        await mkdir(join(dir, sourceMap), { recursive: true });
        files[sourceMap] = (
          await bundleOf(fn, join(dir, sourceMap), { ...choice, sourceMap })
        ).outfile;
      }
      const runs = {
        linked: [] as ImportTime[],
        none: [] as ImportTime[],
        external: [] as ImportTime[],
      };
      for (let round = 0; round < rounds; round += 1) {
        runs.linked.push(coldImport(files.linked, env, '--enable-source-maps'));
        runs.none.push(coldImport(files.none, env, ''));
        runs.external.push(coldImport(files.external, env, ''));
      }
      results.push({
        id: fn.id,
        enabled: median(runs.linked),
        none: median(runs.none),
        external: median(runs.external),
      });
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** The bundles of 0e91214 (issue 8's "today"): zod as written, SDK bundled, linked maps. */
export const BEFORE_BUNDLE: BundleChoice = {
  zod: 'full',
  sdk: 'bundled',
  sourceMap: 'linked',
  jitless: false,
};

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

const printSizes = (title: string, sizes: readonly BundleSize[]): void => {
  console.log(`\n${title}`);
  console.table(
    sizes.map((s) => ({
      function: s.id,
      size: kb(s.bytes),
      locales:
        s.zodLocales.length > 3
          ? `${String(s.zodLocales.length)} files`
          : s.zodLocales.join(' ') || '-',
      clients: s.sdkClients.map((c) => c.replace('@aws-sdk/', '')).join(' '),
      top: s.topInputs.map((i) => `${i.input} ${kb(i.bytes)}`).join(', '),
    }))
  );
};

const printRatios = (title: string, ratios: readonly ColdImportRatio[]): void => {
  console.log(`\n${title}`);
  console.table(
    ratios.map((r) => ({
      function: r.id,
      baseline: r.baseline,
      'bundle cpu ms': r.bundle.cpuMs.toFixed(0),
      'bare cpu ms': r.bare.cpuMs.toFixed(0),
      ratio: r.ratio.toFixed(2),
      'bundle wall ms': r.bundle.wallMs.toFixed(0),
      'bare wall ms': r.bare.wallMs.toFixed(0),
      'wall ratio': r.wallRatio.toFixed(2),
    }))
  );
};

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  const roundsArg = args.indexOf('--rounds');
  const rounds = roundsArg >= 0 ? Number(args[roundsArg + 1]) : 5;
  const idsArg = args.indexOf('--ids');
  const ids = idsArg >= 0 ? (args[idsArg + 1] ?? '').split(',') : undefined;
  // --before: the bundles as they were (BEFORE_BUNDLE, run under --enable-source-maps).
  const before = args.includes('--before');
  const choice = before ? BEFORE_BUNDLE : DEPLOYED_BUNDLE;
  const nodeOptions = before ? '--enable-source-maps' : '';
  printSizes(`Bundle sizes (${JSON.stringify(choice)})`, await bundleSizes({ choice, ids }));
  printRatios(
    `Cold import ÷ bare bundle, median of ${String(rounds)}`,
    await coldImportRatios(rounds, { choice, ids, nodeOptions })
  );
  if (!args.includes('--compare')) return;
  printSizes(
    `Before (${JSON.stringify(BEFORE_BUNDLE)})`,
    await bundleSizes({ choice: BEFORE_BUNDLE, ids })
  );
  const asBefore = { choice: BEFORE_BUNDLE, ids, nodeOptions: '--enable-source-maps' };
  printRatios(
    'Before: cold import ÷ bare, --enable-source-maps',
    await coldImportRatios(rounds, asBefore)
  );
  for (const variant of [
    { ...DEPLOYED_BUNDLE, jitless: false },
    { zod: 'en-only', sdk: 'runtime', sourceMap: 'external', jitless: false },
    { zod: 'namespace', sdk: 'bundled', sourceMap: 'external', jitless: false },
  ] as const) {
    printSizes(`Variant ${JSON.stringify(variant)}`, await bundleSizes({ choice: variant, ids }));
    printRatios(
      `Variant ${JSON.stringify(variant)}`,
      await coldImportRatios(rounds, { choice: variant, ids })
    );
  }
  for (const base of [BEFORE_BUNDLE, choice]) {
    console.log(`\nSource maps at init, cpu / wall ms, median (${base.zod}, SDK ${base.sdk})`);
    console.table(
      (await sourceMapInit(rounds, { ids, choice: base })).map((r) => ({
        function: r.id,
        'linked + --enable-source-maps': `${r.enabled.cpuMs.toFixed(0)} / ${r.enabled.wallMs.toFixed(0)}`,
        none: `${r.none.cpuMs.toFixed(0)} / ${r.none.wallMs.toFixed(0)}`,
        'external, unread': `${r.external.cpuMs.toFixed(0)} / ${r.external.wallMs.toFixed(0)}`,
      }))
    );
  }
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
