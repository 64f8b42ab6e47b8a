import {
  csiSettingsFromEnv,
  now,
  sfnClient,
  stateMachineArnFromEnv,
  storeFromEnv,
} from '#shared/wiring.ts';
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
