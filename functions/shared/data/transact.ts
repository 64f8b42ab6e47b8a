import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Table, TransactItem } from './item-store.ts';

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

/**
 * Writes TransactWrite parts built by the stores (e.g. a survey's transition and the day's
 * counters) as one transaction; the use cases' only way to write several items at once.
 */
export type Transact = (items: readonly TransactItem[]) => Promise<void>;

export const transactor =
  (table: Table): Transact =>
  async (items) => {
    await transactWrite(table.db, { TransactItems: [...items] });
  };

/**
 * Whether a transaction was cancelled because the condition of item `index` failed: the
 * one check of a transaction's guard (a single write's is `isConditionalCheckFailure`).
 */
export const conditionFailed = (error: unknown, index: number): boolean =>
  error instanceof TransactionCanceledException &&
  error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';

/** A single conditional write that failed its condition. */
export const isConditionalCheckFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';
