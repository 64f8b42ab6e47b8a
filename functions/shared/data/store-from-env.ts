import { now } from '../kernel/clock.ts';
import { baseEnvSchema, readEnv, tableEnvSchema } from '../env.ts';
import { dataStores, type DataStores } from './data-stores.ts';
import { documentClient } from './dynamodb-client.ts';

/** Cold-start wiring of the table: a missing TABLE_NAME fails the first invocation with its name. */
export const storeFromEnv = (): DataStores & { now: () => Date } => {
  const env = readEnv(baseEnvSchema.extend(tableEnvSchema.shape));
  return { ...dataStores({ db: documentClient, tableName: env.TABLE_NAME }), now };
};
