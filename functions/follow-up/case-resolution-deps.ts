import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { workflowPortFromEnv } from '#shared/workflow/workflow-from-env.ts';

/** Cold-start wiring of the handlers that answer a case's workflow (resolve, await); no mail. */
export const caseResolutionDepsFromEnv = () => ({
  ...storeFromEnv(),
  workflow: workflowPortFromEnv(),
});
