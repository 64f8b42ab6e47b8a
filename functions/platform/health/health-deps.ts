import { z } from 'zod';
import { dynamoDbClient } from '#shared/data/dynamodb-client.ts';
import { sesClient } from '#shared/mail/ses-client.ts';
import { sfnClient } from '#shared/workflow/sfn-client.ts';
import { baseEnvSchema, readEnv, stateMachineArnsFrom, tableEnvSchema } from '#shared/env.ts';
import type { HealthDeps } from './check-health.service.ts';

/** Cold-start wiring shared by the health route and the scheduled self-check. */
export const healthDepsFromEnv = (): HealthDeps => {
  const env = readEnv(
    baseEnvSchema.extend(tableEnvSchema.shape).extend({
      HEALTH_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
    })
  );
  return {
    dynamoDb: dynamoDbClient,
    ses: sesClient,
    sfn: sfnClient,
    tableName: env.TABLE_NAME,
    stateMachineArns: stateMachineArnsFrom(process.env),
    timeoutMs: env.HEALTH_TIMEOUT_MS,
  };
};
