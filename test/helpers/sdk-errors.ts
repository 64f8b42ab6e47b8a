import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

// The errors DynamoDB answers a refused write with, as the SDK throws them (not a test file itself).

/** A single write whose condition failed. */
export const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

/** A write or read the table refused for load: an error that is no condition failure. */
export const tableThrottled = () =>
  new ProvisionedThroughputExceededException({ message: 'slow', $metadata: {} });

/** A code DynamoDB gives each item of a cancelled transaction. */
export type CancellationCode =
  'None' | 'ConditionalCheckFailed' | 'TransactionConflict' | 'ValidationError' | 'ThrottlingError';

/**
 * A cancelled TransactWriteItems as DynamoDB reports it: one reason per item, in order.
 * `transactionCanceled('ConditionalCheckFailed', 'None', 'None')` is a transaction of three
 * items whose first one failed its condition; no codes at all gives a bare cancellation.
 */
export const transactionCanceled = (...codes: CancellationCode[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: {},
    ...(codes.length > 0 ? { CancellationReasons: codes.map((Code) => ({ Code })) } : {}),
  });

/**
 * A cancelled TransactWriteItems whose part `index` failed its condition and asked for the
 * item as it is (ReturnValuesOnConditionCheckFailure ALL_OLD): DynamoDB returns it in the
 * wire format, as here. `others` are the codes of the remaining parts, in order.
 */
export const transactionLostTo = (
  item: Record<string, unknown>,
  { index = 0, parts = 3 }: { index?: number; parts?: number } = {}
) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: {},
    CancellationReasons: Array.from({ length: parts }, (_unused, i) =>
      i === index
        ? { Code: 'ConditionalCheckFailed', Item: marshall(item, { removeUndefinedValues: true }) }
        : { Code: 'None' }
    ),
  });
