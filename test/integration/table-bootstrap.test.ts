import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
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
    const ttl = await dynamoDb.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'expiresAt',
    });
  });
});
