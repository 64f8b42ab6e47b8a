import { describe, expect, it } from 'vitest';
import {
  bundleOptions,
  DEPLOYED_BUNDLE,
  RUNTIME_MODULES,
  zodNamespaceImports,
} from '#lib/bundling/function-bundle.ts';
import { fromRoot } from '#lib/config/paths.ts';
import { templatesFor } from './synth.ts';

describe('Construct: AppFunction bundling', () => {
  it('deploys the measured choice: zod shaken, the SDK from the runtime, maps not loaded at init', () => {
    // Prepare / Act
    const options = bundleOptions('functions/csi/tasks/close-survey.ts', '/tmp/out/index.mjs');

    // Assess (the figures behind each value: docs/architecture.md, "Bundles")
    expect(DEPLOYED_BUNDLE).toEqual({
      zod: 'namespace',
      sdk: 'runtime',
      sourceMap: 'external',
      jitless: true,
    });
    expect(options).toMatchObject({
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      minify: true,
      keepNames: false,
      sourcemap: 'external',
      mainFields: ['module', 'main'],
      external: ['@aws-sdk/*'],
    });
    expect(RUNTIME_MODULES).toEqual(['@aws-sdk/*']);
    expect(options.plugins).toEqual([zodNamespaceImports]);
    expect(options.inject).toEqual([fromRoot('lib/bundling/zod-jitless.ts')]);
  });

  it('runs every function on the runtime the bundle targets, without --enable-source-maps', () => {
    // Prepare / Act
    const { stateless } = templatesFor();

    // Assess
    const functions = Object.values(stateless.findResources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(0);
    for (const resource of functions) {
      expect(resource.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
      });
      expect(resource.Properties.Environment.Variables.NODE_OPTIONS).toBeUndefined();
    }
  });
});
