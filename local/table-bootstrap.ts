import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type GlobalSecondaryIndexDescription,
  type Projection,
} from '@aws-sdk/client-dynamodb';
import type { IndexProjection, IndexSchema, TableSchema } from '#lib/config/table-schema.ts';

const projectionOf = (projection: IndexProjection): Projection =>
  projection.type === 'KEYS_ONLY'
    ? { ProjectionType: 'KEYS_ONLY' }
    : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...projection.attributes] };

const indexOf = (index: IndexSchema): GlobalSecondaryIndex => ({
  IndexName: index.indexName,
  KeySchema: [
    { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
    { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
  ],
  Projection: projectionOf(index.projection),
});

/** Whether an existing index projects what the schema says (attribute order aside). */
const projects = (found: GlobalSecondaryIndexDescription, wanted: IndexSchema): boolean => {
  const want = projectionOf(wanted.projection);
  const sorted = (names: readonly string[] | undefined) => [...(names ?? [])].sort().join(',');
  return (
    found.Projection?.ProjectionType === want.ProjectionType &&
    sorted(found.Projection?.NonKeyAttributes) === sorted(want.NonKeyAttributes)
  );
};

const describeIndexes = async (client: DynamoDBClient, tableName: string) =>
  (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table
    ?.GlobalSecondaryIndexes ?? [];

/** Waits until `done` holds of the table's indexes (an index deleted or built again). */
const waitForIndexes = async (
  client: DynamoDBClient,
  tableName: string,
  done: (indexes: GlobalSecondaryIndexDescription[]) => boolean
) => {
  for (let tries = 0; tries < 600; tries += 1) {
    if (done(await describeIndexes(client, tableName))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the indexes of ${tableName} did not settle; npm run reset starts afresh`);
};

/**
 * An index kept from an older version with another projection (the first versions copied
 * every attribute, `ALL`) is dropped and built again from the items, so a local table
 * with data follows the schema without `npm run reset`. @returns the indexes rebuilt
 */
const rebuildStaleIndexes = async (
  client: DynamoDBClient,
  tableName: string,
  schema: TableSchema
): Promise<string[]> => {
  const found = await describeIndexes(client, tableName);
  const stale = schema.globalSecondaryIndexes.filter((wanted) => {
    const existing = found.find((f) => f.IndexName === wanted.indexName);
    return existing !== undefined && !projects(existing, wanted);
  });
  for (const index of stale) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: index.indexName } }],
      })
    );
    await waitForIndexes(client, tableName, (all) =>
      all.every((i) => i.IndexName !== index.indexName)
    );
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [index.partitionKey, index.sortKey].map((key) => ({
          AttributeName: key.name,
          AttributeType: key.type,
        })),
        GlobalSecondaryIndexUpdates: [{ Create: indexOf(index) }],
      })
    );
    await waitForIndexes(client, tableName, (all) =>
      all.some((i) => i.IndexName === index.indexName && i.IndexStatus === 'ACTIVE')
    );
  }
  return stale.map((index) => index.indexName);
};

/**
 * Creates the table from the same schema the CDK stack deploys, and turns its TTL on.
 * Idempotent: an existing table is left as it is, so a restart keeps its data; only an
 * index whose projection differs from the schema is built again (see rebuildStaleIndexes).
 * @returns whether the table was created now
 */
export const ensureTable = async (
  client: DynamoDBClient,
  tableName: string,
  schema: TableSchema
): Promise<boolean> => {
  const attributes = new Map<string, 'S' | 'N'>();
  for (const key of [
    schema.partitionKey,
    schema.sortKey,
    ...schema.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]) {
    attributes.set(key.name, key.type);
  }
  let created = true;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
          AttributeName,
          AttributeType,
        })),
        KeySchema: [
          { AttributeName: schema.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: schema.sortKey.name, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: schema.globalSecondaryIndexes.map(indexOf),
      })
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    created = false;
  }
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  if (!created) await rebuildStaleIndexes(client, tableName, schema);
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: schema.timeToLiveAttribute, Enabled: true },
      })
    );
  }
  return created;
};
