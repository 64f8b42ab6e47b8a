import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { stateMachineArnFromEnv, workflowPortFromEnv } from '#shared/workflow/workflow-from-env.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { scheduledStartPortFromEnv } from '#shared/workflow/scheduler-from-env.ts';
import type { IngestDeps } from './ingest-ticket-event.service.ts';
import { unitResolver } from './unit-resolution.ts';

/**
 * Cold-start wiring shared by the generic and the source webhooks; each invocation gets
 * the settings in force at that moment (field maps, closure codes, routing, timers), so an
 * edit applies to the next event without a redeploy.
 */
export const ingestDepsFromEnv = (): (() => Promise<IngestDeps>) => {
  const stores = storeFromEnv();
  const wiring = {
    ...stores,
    // Per warm function: an alias found is kept a minute (unit-resolution.ts says why).
    resolveUnit: unitResolver(stores.businessUnits, stores.now),
    workflow: workflowPortFromEnv(),
    scheduler: scheduledStartPortFromEnv(),
    csiStateMachineArn: stateMachineArnFromEnv('CSI_SURVEY_STATE_MACHINE_ARN'),
  };
  const settings = settingsFromEnv();
  return async () => ({ ...wiring, settings: await settings.current() });
};
