import { csiSettingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { stateMachineArnFromEnv, workflowPortFromEnv } from '#shared/workflow/workflow-from-env.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { scheduledStartPortFromEnv } from '#shared/workflow/scheduler-from-env.ts';
import type { IngestDeps } from './ingest-ticket-event.service.ts';

/** Cold-start wiring shared by the generic and the source webhooks. */
export const ingestDepsFromEnv = (): IngestDeps => ({
  ...storeFromEnv(),
  workflow: workflowPortFromEnv(),
  scheduler: scheduledStartPortFromEnv(),
  csiStateMachineArn: stateMachineArnFromEnv('CSI_SURVEY_STATE_MACHINE_ARN'),
  settings: csiSettingsFromEnv(),
});
