import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export class TableNotActiveError extends Error {
  override name = 'TableNotActiveError';
}

/** A health check of the table: it exists and is ACTIVE (a read-only control-plane call). */
export const tableCheck =
  (dynamoDb: DynamoDBClient, tableName: string) =>
  async (abortSignal: AbortSignal): Promise<void> => {
    const out = await dynamoDb.send(new DescribeTableCommand({ TableName: tableName }), {
      abortSignal,
    });
    if (out.Table?.TableStatus !== 'ACTIVE') throw new TableNotActiveError();
  };
