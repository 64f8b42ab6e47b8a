import { storeFromEnv } from '#shared/data/store-from-env.ts';
import {
  mailFromEnv,
  mailReceiptWaitFromEnv,
  publicBaseUrlFromEnv,
} from '#shared/mail/mail-from-env.ts';
import { workflowPortFromEnv } from '#shared/workflow/workflow-from-env.ts';

/** Cold-start wiring shared by the two mail tasks: the table, SES, the links, the workflow, the settings. */
export const surveyMailDepsFromEnv = () => ({
  ...storeFromEnv(),
  mail: mailFromEnv(),
  publicBaseUrl: publicBaseUrlFromEnv(),
  workflow: workflowPortFromEnv(),
  receiptWaitSeconds: mailReceiptWaitFromEnv(),
});
