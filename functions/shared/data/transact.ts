import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Item, Table, TransactItem } from './item-store.ts';

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

/**
 * How one try of a transaction ended: written, or lost to a concurrent write: a part's
 * condition failed (with the item as it is now, when that part asked for it with
 * `returnOldOnFailure`), or DynamoDB cancelled it for a transaction on the same items
 * (`TransactionConflict`, no item to go on).
 */
export type TransactOutcome =
  | { readonly written: true }
  | {
      readonly written: false;
      readonly conflict: boolean;
      /** The indexes of the parts whose condition failed. */
      readonly failed: readonly number[];
      /** The current item of each failed part that asked for it, by index. */
      readonly current: ReadonlyMap<number, Item>;
    };

/**
 * One try of a transaction, no retry: the caller's loop decides (a rating retries at once on
 * top of the item the failure returned). Any other error (throttling, validation) is thrown.
 */
export type AttemptTransact = (items: readonly TransactItem[]) => Promise<TransactOutcome>;

export const attemptTransactor =
  (table: Table): AttemptTransact =>
  async (items) => {
    try {
      await table.db.send(new TransactWriteCommand({ TransactItems: [...items] }));
      return { written: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      const conflict = reasons.some((r) => r.Code === 'TransactionConflict');
      if (failed.length === 0 && !conflict) throw error;
      const current = new Map<number, Item>();
      for (const index of failed) {
        const item = reasons[index]?.Item;
        // The document client leaves an exception's items in the wire format.
        if (item) current.set(index, unmarshall(item));
      }
      return { written: false, conflict, failed, current };
    }
  };
