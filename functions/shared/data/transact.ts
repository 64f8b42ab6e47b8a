import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

/**
 * TransactWriteItems with retries on TransactionConflict (and a throttled item). The day counters are shared by
 * every send, click, rating and case of a day × business unit × service, so two
 * transactions touching one counter at once is normal; the SDK does not retry that
 * cancellation, so this does (with jitter). A condition failure is never retried: it is
 * the answer the caller asked for (see `conditionFailed`).
 */
export const transactWrite = async (
  db: DynamoDBDocumentClient,
  input: TransactWriteCommandInput,
  attempts = 6
) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.send(new TransactWriteCommand(input));
    } catch (error) {
      const conflict =
        error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).some(
          (r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError'
        ) &&
        !(error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');
      if (!conflict || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));
    }
  }
};

/** Whether a transaction was cancelled because the condition of item `index` failed. */
export const conditionFailed = (error: unknown, index: number): boolean =>
  error instanceof TransactionCanceledException &&
  error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';

/** A single conditional write that failed its condition. */
export const isConditionalCheckFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';
