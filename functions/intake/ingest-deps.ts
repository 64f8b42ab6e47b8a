import { csiSettingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { now } from '#shared/kernel/clock.ts';
import { sfnClient } from '#shared/workflow/sfn-client.ts';
import { stateMachineArnFromEnv } from '#shared/workflow/workflow-from-env.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import type { IngestDeps } from './ingest-ticket-event.service.ts';

/** Cold-start wiring shared by the generic and the source webhooks. */
export const ingestDepsFromEnv = (): IngestDeps => {
  const store = storeFromEnv();
  return {
    db: store.db,
    tableName: store.tableName,
    sfn: sfnClient,
    csiStateMachineArn: stateMachineArnFromEnv('CSI_SURVEY_STATE_MACHINE_ARN'),
    settings: csiSettingsFromEnv(),
    now,
  };
};
