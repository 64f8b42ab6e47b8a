import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from './function-bundle.ts';

/**
 * `tsx lib/bundling/bundle-cli.ts <entry> <outputDir>`: one function's bundle, as index.mjs (and
 * its map) in outputDir. The CDK runs it for each AppFunction in a child process because asset
 * bundling is synchronous and esbuild's plugins need its asynchronous API.
 */
const [entry, outputDir] = process.argv.slice(2);
if (!entry || !outputDir) {
  console.error('usage: tsx lib/bundling/bundle-cli.ts <entry> <outputDir>');
  process.exit(2);
}
await build(bundleOptions(entry, join(outputDir, 'index.mjs')));
