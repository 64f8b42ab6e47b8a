import { now } from '../kernel/clock.ts';
import { baseEnvSchema, readEnv, tableEnvSchema } from '../env.ts';
import { documentClient } from './dynamodb-client.ts';
import type { Store } from './store.ts';

/** Cold-start wiring of the table: a missing TABLE_NAME fails the first invocation with its name. */
export const storeFromEnv = (): Store & { now: () => Date } => {
  const env = readEnv(baseEnvSchema.extend(tableEnvSchema.shape));
  return { db: documentClient, tableName: env.TABLE_NAME, now };
};
