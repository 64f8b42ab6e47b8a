import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { createUnit } from '#functions/platform/business-units/business-unit-admin.service.ts';
import { createUnitSchema } from '#functions/platform/business-units/business-units-api.schema.ts';
import { RegistryConflictError } from '#functions/platform/business-units/registry-errors.ts';
import { dataStores } from '#shared/data/data-stores.ts';

/** The local group's business units (local/seed/business-units.json), checked as the API checks them. */
const seedSchema = z.strictObject({
  $comment: z.string().optional(),
  units: z.array(createUnitSchema),
});

export const SEED_FILE = new URL('./seed/business-units.json', import.meta.url);

/**
 * Loads the seed into a registry that has no unit yet (a fresh data folder, or after
 * `npm run reset`), through the same use case as `POST /v1/business-units`; a registry with
 * any unit is left as it is, so an edit made locally survives a restart. Idempotent: a unit
 * there already (a start stopped half-way) is skipped.
 * @returns how many units it registered
 */
export const seedBusinessUnits = async (target: {
  readonly dynamoDbUrl: string;
  readonly region: string;
  readonly tableName: string;
}): Promise<number> => {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: target.dynamoDbUrl,
      region: target.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    })
  );
  const stores = dataStores({ db, tableName: target.tableName });
  const deps = { ...stores, now: () => new Date() };
  if ((await stores.businessUnits.page({ limit: 1 })).units.length > 0) return 0;
  const seed = seedSchema.parse(JSON.parse(await readFile(SEED_FILE, 'utf8')));
  let created = 0;
  for (const unit of seed.units) {
    try {
      await createUnit(deps, unit, 'local-seed');
      created += 1;
    } catch (error) {
      if (!(error instanceof RegistryConflictError)) throw error;
    }
  }
  return created;
};
