import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '#lib/config/paths.ts';
import { bundleOptions } from '#lib/bundling/function-bundle.ts';

/**
 * A guard on the deployed bundles (not a timing): sizes are deterministic for a lock file, so a
 * new import that pulls zod's locales, the SDK or a heavy package back in fails here first.
 * bench/bundles.ts prints the figures of every function.
 */
const bundle = async (entry: string) => {
  const result = await build({
    ...bundleOptions(entry, '/tmp/otklik-guard/index.mjs'),
    write: false,
    metafile: true,
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'));
  return { bytes: code?.contents.byteLength ?? 0, inputs: inputsOf(result.metafile) };
};

const inputsOf = (metafile: Metafile): string[] =>
  Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path)
  );

describe('Bundle: deployed functions', () => {
  it.each([
    // The rating form's messages come in Russian too (rating-errors.ts): that one locale only.
    ['functions/csi/pages/submit-rating.ts', ['en.js', 'ru.js']],
    ['functions/platform/health/get-health.ts', ['en.js']],
  ])('%s carries no zod locale but %j, no SDK, and stays under 300 KB', async (entry, wanted) => {
    // Act
    const { bytes, inputs } = await bundle(entry);

    // Assess
    const locales = inputs.filter((path) => /node_modules\/zod\/.*\/locales\//.test(path));
    expect(locales.map((path) => path.replace(/.*\//, '')).toSorted()).toEqual(wanted);
    expect(inputs.filter((path) => path.includes('node_modules/@aws-sdk/'))).toEqual([]);
    expect(bytes).toBeLessThan(300 * 1024);
  });
});

describe('Bundle: zod configuration', () => {
  it('sets zod jitless before the entry module builds its first schema', async () => {
    // Prepare: an entry reading zod's configuration at its top level, as schemas are built
    const dir = await mkdtemp(join(tmpdir(), 'otklik-jitless-'));
    const outfile = join(dir, 'index.mjs');
    await build({
      ...bundleOptions('functions/shared/env.ts', outfile),
      entryPoints: [],
      stdin: {
        contents: `import { z } from 'zod'; const s = z.object({ a: z.string() }); console.log(JSON.stringify({ jitless: z.config().jitless === true, parsed: s.parse({ a: 'x' }) }));`,
        resolveDir: fromRoot('.'),
        sourcefile: 'entry.ts',
        loader: 'ts',
      },
    });

    // Act: in a process of its own (the flag is global to zod)
    const run = spawnSync(process.execPath, [outfile], { encoding: 'utf8' });
    await rm(dir, { recursive: true, force: true });

    // Assess
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ jitless: true, parsed: { a: 'x' } });
  });
});
