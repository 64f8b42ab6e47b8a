import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwaitProbeAnswerInput } from './await-probe-answer.schema.ts';

/** No waiting probe has this id; the workflow's Catch routes on this name. */
export class ProbeNotFoundError extends Error {
  override name = 'ProbeNotFoundError';
}

/**
 * Stores the task token on the waiting probe so whoever answers can complete the task.
 * @param db document client
 * @param tableName the main table
 * @param input probe id and task token
 */
export const recordProbeToken = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  input: AwaitProbeAnswerInput
): Promise<void> => {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `PROBE#${input.probeId}`, sk: 'PROBE' },
        UpdateExpression: 'SET taskToken = :token',
        ConditionExpression: 'attribute_exists(pk) AND #status = :waiting',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':token': input.taskToken, ':waiting': 'waiting' },
      })
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new ProbeNotFoundError(`no waiting probe ${input.probeId}`);
    }
    throw error;
  }
};
