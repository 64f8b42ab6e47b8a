import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
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
    ['functions/csi/pages/submit-rating.ts', 'SubmitRating'],
    ['functions/platform/health/get-health.ts', 'GetHealth'],
  ])('%s carries no zod locale but English, no SDK, and stays under 300 KB', async (entry) => {
    // Act
    const { bytes, inputs } = await bundle(entry);

    // Assess
    const locales = inputs.filter((path) => /node_modules\/zod\/.*\/locales\//.test(path));
    expect(locales.map((path) => path.replace(/.*\//, ''))).toEqual(['en.js']);
    expect(inputs.filter((path) => path.includes('node_modules/@aws-sdk/'))).toEqual([]);
    expect(bytes).toBeLessThan(300 * 1024);
  });
});
