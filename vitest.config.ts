import { defineConfig } from 'vitest/config';

/**
 * Five projects with firm boundaries: `unit` (no network; the SDK mocked with
 * aws-sdk-client-mock), `workflows` (the ASL files, offline), `cdk` (synth and
 * assertions), `integration` (the real local runtime over real HTTP), `reliability`
 * (R1–R7 of issue 9: the local runtime in a child process, with faults, races, hostile
 * input and kill -9; `npm run test:reliability`).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/helpers/setup-unit.ts'],
          env: {
            POWERTOOLS_DEV: 'true',
            POWERTOOLS_LOG_LEVEL: 'SILENT',
            POWERTOOLS_METRICS_DISABLED: 'true',
          },
        },
      },
      {
        test: { name: 'workflows', include: ['test/workflows/**/*.test.ts'], testTimeout: 20_000 },
      },
      {
        test: {
          name: 'cdk',
          include: ['test/cdk/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 60_000,
          // One local runtime serves every file; files run one after another so timing
          // assertions (timeouts, heartbeats) are not skewed by a busy machine.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          globalSetup: ['test/reliability/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          // The cases measure races and faults; one at a time so their figures are theirs.
          fileParallelism: false,
        },
      },
    ],
  },
});
