import { z } from 'zod';
import { dynamoDbClient } from '#shared/data/dynamodb-client.ts';
import { tableCheck } from '#shared/data/table-health.ts';
import { mailAccountCheck } from '#shared/mail/mail-health.ts';
import { sesClient } from '#shared/mail/ses-client.ts';
import { sfnClient } from '#shared/workflow/sfn-client.ts';
import { stateMachineCheck } from '#shared/workflow/workflow-health.ts';
import { baseEnvSchema, readEnv, stateMachineArnsFrom, tableEnvSchema } from '#shared/env.ts';
import type { HealthCheck, HealthDeps } from './check-health.service.ts';
import { sourceCredentialChecks } from './source-credentials-check.ts';

/** `CALLBACK_PROBE` → `workflow:callback-probe`. */
const workflowComponent = (id: string) => `workflow:${id.toLowerCase().replace(/_/g, '-')}`;

/** Cold-start wiring shared by the health route and the scheduled self-check. */
export const healthDepsFromEnv = (): HealthDeps => {
  const env = readEnv(
    baseEnvSchema.extend(tableEnvSchema.shape).extend({
      SOURCE_CREDENTIALS_ID: z.string().min(1),
      HEALTH_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
    })
  );
  const workflows: Record<string, HealthCheck> = Object.fromEntries(
    Object.entries(stateMachineArnsFrom(process.env)).map(([id, arn]) => [
      workflowComponent(id),
      stateMachineCheck(sfnClient, arn),
    ])
  );
  return {
    checks: {
      table: tableCheck(dynamoDbClient, env.TABLE_NAME),
      email: mailAccountCheck(sesClient),
      ...workflows,
      ...sourceCredentialChecks(env.SOURCE_CREDENTIALS_ID),
    },
    timeoutMs: env.HEALTH_TIMEOUT_MS,
  };
};
