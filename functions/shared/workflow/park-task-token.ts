import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../data/store.ts';
import { isConditionalCheckFailure } from '../data/transact.ts';

/**
 * Stores a workflow's task token on an item, only while the item's status is one that
 * waits for it. Returns false when the status has moved on (the answer came first): the
 * caller then answers the task itself, so nothing is missed between two steps.
 */
export const parkTaskToken = async (
  store: Store,
  key: Record<string, string>,
  waitingStatuses: readonly string[],
  taskToken: string
): Promise<boolean> => {
  const values: Record<string, string> = { ':token': taskToken };
  waitingStatuses.forEach((status, i) => (values[`:s${i}`] = status));
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: key,
        UpdateExpression: 'SET taskToken = :token',
        ConditionExpression: `#status IN (${waitingStatuses.map((_s, i) => `:s${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      })
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
};
