import { documentClient } from '#shared/data/dynamodb-client.ts';
import type { Table } from '#shared/data/item-store.ts';
import { baseEnvSchema, readEnv, tableEnvSchema } from '#shared/env.ts';

/**
 * The table of a public page, from TABLE_NAME (a missing one fails the cold start with its
 * name, as storeFromEnv does). Each page builds on it only the stores it uses
 * (opt-out-stores.ts, rating-page-stores.ts) instead of storeFromEnv's every store: a store's
 * module builds its zod schemas at import, and the stores a page never calls (cases,
 * sessions, units, audit, …) were about 40 % of the schemas a page's cold start built and a
 * quarter of its own code's evaluation (docs/benchmarks.md, "cold import()"). One file per
 * page's stores: esbuild drops an unused function, not the schemas its imports build.
 */
export const pageTableFromEnv = (): Table => ({
  db: documentClient,
  tableName: readEnv(baseEnvSchema.extend(tableEnvSchema.shape)).TABLE_NAME,
});
