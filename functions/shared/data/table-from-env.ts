import { baseEnvSchema, readEnv, tableEnvSchema } from '../env.ts';
import { documentClient } from './dynamodb-client.ts';
import type { Table } from './item-store.ts';

/**
 * The table, from TABLE_NAME (a missing one fails the cold start with its name, as
 * storeFromEnv does), for a function that builds only the stores it uses: the public pages
 * (csi/pages/*-stores.ts) and the registry (platform/business-units/registry-deps.ts). A
 * store's module builds its zod schemas at import, and the stores a page never calls (cases,
 * sessions, units, audit, …) were about 40 % of the schemas a page's cold start built and a
 * quarter of its own code's evaluation (docs/benchmarks.md, "cold import()"). One file per
 * function's stores: esbuild drops an unused function, not the schemas its imports build.
 */
export const tableFromEnv = (): Table => ({
  db: documentClient,
  tableName: readEnv(baseEnvSchema.extend(tableEnvSchema.shape)).TABLE_NAME,
});
