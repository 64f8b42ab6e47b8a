import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { fromRoot } from '../config/paths.ts';

/**
 * How a Lambda function's bundle is built: one place for the CDK (lib/constructs/app-function.ts,
 * through lib/bundling/bundle-cli.ts), the bundle benchmark (bench/bundles.ts) and the size guard
 * (test/unit/bundling). The figures behind each choice are in docs/architecture.md, "Bundles".
 */
export interface BundleChoice {
  /**
   * How zod gets into the bundle.
   * - `full`: as written, `import { z } from 'zod'`: the `z` namespace is one object, so esbuild
   *   keeps every export of zod, its ~50 locales included (~460 KB minified).
   * - `en-only`: as written, with zod's locale index replaced by English alone (~200 KB).
   * - `namespace`: each `import { z } from 'zod'` of our sources read as `import * as z from
   *   'zod'` (zod's root re-exports every member of `z`, so `z.object` is the same function):
   *   esbuild then keeps only what is used (~100 KB, English included: zod's schemas import it).
   */
  readonly zod: 'full' | 'en-only' | 'namespace';
  /** `bundled`: the @aws-sdk/* clients go into the bundle; `runtime`: the Lambda runtime's copy. */
  readonly sdk: 'bundled' | 'runtime';
  /**
   * `linked`: index.mjs.map next to the bundle with a sourceMappingURL comment (read at init under
   * --enable-source-maps); `external`: the same map without the comment, never read by Node;
   * `none`: no map.
   */
  readonly sourceMap: 'linked' | 'external' | 'none';
  /**
   * `true`: zod configured `jitless` before any schema is built (zod-jitless.ts, injected), so
   * no object schema compiles a parser on its first parse; `false`: zod's default.
   */
  readonly jitless: boolean;
}

/**
 * The choice deployed (figures: docs/architecture.md, "Bundles"). zod `namespace`: the smallest
 * that needs no source change, local runtime untouched. SDK `runtime`: bundled, the clients alone
 * are 360–450 KB, above the 300 KB goal by themselves, and they imported no faster bundled; the
 * price is the runtime's SDK version instead of the lock file's. Source maps `external`: under
 * --enable-source-maps Node parsed the 3–4 MB map at every cold start, for stack traces one can
 * map offline with the map kept in the code package. zod `jitless`: no parser compiled per
 * object schema at init or in the first request (zod-jitless.ts).
 */
export const DEPLOYED_BUNDLE: BundleChoice = {
  zod: 'namespace',
  sdk: 'runtime',
  sourceMap: 'external',
  jitless: true,
};

/**
 * ESM has no `require`; some bundled CommonJS dependencies call it, so the bundle defines one.
 */
export const REQUIRE_BANNER =
  "import { createRequire as __otklikCreateRequire } from 'node:module'; const require = __otklikCreateRequire(import.meta.url);";

/** The modules the Lambda runtime provides: AWS SDK v3 (its @smithy/* parts come with it). */
export const RUNTIME_MODULES = ['@aws-sdk/*'];

const ZOD_NAMED_IMPORT = /^import \{ z \} from 'zod';$/gm;

/**
 * `import { z } from 'zod'` → `import * as z from 'zod'` in our own sources. zod's index exports
 * `z` as `import * as z from './v4/classic/external.js'`; through a named import esbuild has to
 * build that namespace as an object with every export (locales, JSON Schema, …), while
 * `z.object` on a namespace import is a plain reference it can shake. Only the spelling changes:
 * the local runtime and the tests (tsx) still run the sources as written.
 */
export const zodNamespaceImports: Plugin = {
  name: 'otklik-zod-namespace-imports',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = await readFile(args.path, 'utf8');
      return {
        contents: source.replace(ZOD_NAMED_IMPORT, "import * as z from 'zod';"),
        loader: 'ts',
      };
    });
  },
};

/**
 * zod's locale index replaced by English alone (zod's default, the language of the messages our
 * API answers carry: functions/shared/kernel/zod-issues.ts). Measured, not deployed: the
 * namespace import removes the locales and ~100 KB more.
 */
export const zodEnglishOnly: Plugin = {
  name: 'otklik-zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes('/node_modules/zod/')
        ? { path: join(dirname(args.importer), '../locales/index.js'), namespace: 'zod-en-only' }
        : undefined
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-en-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

const zodPlugins: Record<BundleChoice['zod'], Plugin[]> = {
  full: [],
  'en-only': [zodEnglishOnly],
  namespace: [zodNamespaceImports],
};

const sourceMapOption: Record<BundleChoice['sourceMap'], BuildOptions['sourcemap']> = {
  linked: 'linked',
  external: 'external',
  none: false,
};

/**
 * The esbuild options of one function's bundle: ESM for Node.js 24 (the runtime of
 * lib/constructs/app-function.ts), minified, `module` before `main` so packages come as ESM and
 * shake. Names are not kept (`keepNames` off): it wraps every function and class of the bundle
 * in a `__name(…)` call at evaluation, zod's per-schema closures included, ~10 ms of a page's
 * cold start (docs/architecture.md, "Bundles"). Error names survive it: every error class we
 * bundle, ours, zod's, middy's and Powertools', sets `name` as a string; stack traces name
 * minified functions, mapped offline with the map shipped next to the bundle.
 * @param entry handler module, relative to the repository root or absolute
 * @param outfile the bundle's path (index.mjs, the Lambda handler `index.handler`)
 */
export const bundleOptions = (
  entry: string,
  outfile: string,
  choice: BundleChoice = DEPLOYED_BUNDLE
): BuildOptions & { outfile: string } => ({
  entryPoints: [entry.startsWith('/') ? entry : fromRoot(entry)],
  outfile,
  absWorkingDir: fromRoot('.'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  keepNames: false,
  sourcemap: sourceMapOption[choice.sourceMap],
  mainFields: ['module', 'main'],
  external: choice.sdk === 'runtime' ? RUNTIME_MODULES : [],
  banner: { js: REQUIRE_BANNER },
  plugins: zodPlugins[choice.zod],
  inject: choice.jitless ? [fromRoot('lib/bundling/zod-jitless.ts')] : [],
  logLevel: 'warning',
});
