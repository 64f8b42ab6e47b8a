import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { PutCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { tableSchema } from '#lib/config/table-schema.ts';
import { ensureTable } from '#local/table-bootstrap.ts';
import { documents, dynamoDb } from './clients.ts';

describe('Table bootstrap on DynamoDB Local', () => {
  it('creates the table from the CDK schema once, then keeps it and its data', async () => {
    // Prepare
    const tableName = `bootstrap-${Date.now()}`;

    // Act
    const first = await ensureTable(dynamoDb, tableName, tableSchema);
    await documents.send(
      new PutCommand({ TableName: tableName, Item: { pk: 'K', sk: 'S', kept: true } })
    );
    const second = await ensureTable(dynamoDb, tableName, tableSchema);

    // Assess
    expect(first).toBe(true);
    expect(second).toBe(false);
    const kept = await documents.send(
      new GetCommand({ TableName: tableName, Key: { pk: 'K', sk: 'S' } })
    );
    expect(kept.Item).toEqual({ pk: 'K', sk: 'S', kept: true });
    const table = (await dynamoDb.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    expect(table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
      tableSchema.globalSecondaryIndexes.map((i) => i.indexName).sort()
    );
    const projections = Object.fromEntries(
      (table?.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i.Projection?.ProjectionType])
    );
    expect(projections).toEqual({ gsi1: 'KEYS_ONLY', gsi2: 'INCLUDE' });
    const ttl = await dynamoDb.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'expiresAt',
    });
  });

  it('builds an index kept with an older projection (ALL) again, keeping the data', async () => {
    // Prepare: the table as the first versions created it, every index copying everything.
    const tableName = `bootstrap-old-${Date.now()}`;
    const key = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
    await dynamoDb.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map(key),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: ['gsi1', 'gsi2'].map((name) => ({
          IndexName: name,
          KeySchema: [
            { AttributeName: `${name}pk`, KeyType: 'HASH' },
            { AttributeName: `${name}sk`, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      })
    );
    await documents.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: 'S#1', sk: 'S', gsi2pk: 'L', gsi2sk: 't', status: 'sent', title: 'kept' },
      })
    );

    // Act
    const created = await ensureTable(dynamoDb, tableName, tableSchema);

    // Assess
    expect(created).toBe(false);
    const table = (await dynamoDb.send(new DescribeTableCommand({ TableName: tableName }))).Table;
    const gsi2 = table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === 'gsi2');
    expect(gsi2?.Projection?.ProjectionType).toBe('INCLUDE');
    expect(table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === 'gsi1')?.Projection).toEqual({
      ProjectionType: 'KEYS_ONLY',
    });
    // The rebuilt index holds the item again, with only what it projects.
    const listed = await documents.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :l',
        ExpressionAttributeValues: { ':l': 'L' },
      })
    );
    expect(listed.Items).toEqual([
      { pk: 'S#1', sk: 'S', gsi2pk: 'L', gsi2sk: 't', status: 'sent' },
    ]);
  });
});
