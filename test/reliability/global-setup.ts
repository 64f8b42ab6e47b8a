import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  LOCAL_API_AUDIENCE,
  LOCAL_API_RESOURCE,
  LOCAL_API_SCOPE,
} from '#local/oidc/local-people.ts';
import { clearFigures, writeFigureTable } from './figures.ts';
import { RELIABILITY_CSI_SETTINGS } from './reliability-settings.ts';
import { startRuntimeProcess } from './runtime-process.ts';
import { SIZE_NAME } from './sizes.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    reliability: { logFile: string };
  }
}

/**
 * One runtime, in a child process as `npm start` runs it, for the cases that share one
 * (R1, R2, R4, R5); R3 (faults) and R6 (kill -9) start their own. It is provided under the
 * integration suite's name, so the integration steps (test/integration/steps) drive it.
 * At the end: the R1–R7 table, printed and written to test/reliability/last-run.md.
 */
export default async function setup(project: TestProject) {
  clearFigures();
  const runtime = await startRuntimeProcess({ csiSettings: RELIABILITY_CSI_SETTINGS });
  const arn = (name: string) =>
    `arn:aws:states:${runtime.region}:000000000000:stateMachine:otklik-local-${name}`;
  project.provide('runtime', {
    apiUrl: runtime.apiUrl,
    inboxUrl: runtime.inboxUrl,
    dynamoDbUrl: runtime.dynamoDbUrl,
    sfnUrl: runtime.sfnUrl,
    schedulerUrl: runtime.schedulerUrl,
    region: runtime.region,
    tableName: runtime.tableName,
    adminToken: runtime.adminToken,
    webhookSecret: runtime.webhookSecret,
    probeStateMachineArn: arn('callback-probe'),
    csiStateMachineArn: arn('csi-survey'),
    // `npm start` keeps its settings in the data folder (local/settings-file.ts).
    settingsFile: join(runtime.dataDir, 'settings.json'),
    oidc: {
      ...runtime.oidc,
      resource: LOCAL_API_RESOURCE,
      scope: LOCAL_API_SCOPE,
      audience: LOCAL_API_AUDIENCE,
    },
  });
  project.provide('reliability', { logFile: runtime.logFile });
  return async () => {
    await runtime.stop();
    console.log(`\n${writeFigureTable(SIZE_NAME)}`);
  };
}
