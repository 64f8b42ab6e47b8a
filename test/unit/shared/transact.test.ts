import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  conditionFailed,
  isConditionalCheckFailure,
  transactor,
  transactWrite,
} from '#shared/data/transact.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { fakeTimers } from '#test/helpers/clock.ts';
import { documentClient, TABLE } from '#test/helpers/ddb-fixtures.ts';
import { tableThrottled, transactionCanceled } from '#test/helpers/sdk-errors.ts';

const { ddb } = mockAws();
const db = documentClient();

const input = {
  TransactItems: [
    {
      Update: {
        TableName: TABLE,
        Key: { pk: 'SURVEY#1', sk: 'SURVEY' },
        UpdateExpression: 'SET clicked = :yes',
        ConditionExpression: 'attribute_not_exists(clicked)',
        ExpressionAttributeValues: { ':yes': true },
      },
    },
    {
      Update: {
        TableName: TABLE,
        Key: { pk: 'AGG#CSI#2025-03', sk: '05#-#-' },
        UpdateExpression: 'ADD clicks :one',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ],
};

/** Runs a write to its end while letting the (fake) retry delays pass. */
const settle = async <T>(promise: Promise<T>) => {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error })
  );
  await vi.runAllTimersAsync();
  return outcome;
};

fakeTimers();
afterEach(() => {
  vi.restoreAllMocks();
});

describe('Function: transactWrite', () => {
  it('sends the transaction as given and returns its output', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({ ConsumedCapacity: [] });

    // Act
    const output = await transactWrite(db, input);

    // Assess
    expect(output).toEqual({ ConsumedCapacity: [] });
    expect(ddb).toReceiveCommandExactlyOnceWith(TransactWriteCommand, input);
  });

  it('retries a transaction cancelled by a throttled item and then succeeds', async () => {
    // Prepare
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionCanceled('ThrottlingError', 'None'))
      .resolves({});

    // Act
    const outcome = await settle(transactWrite(db, input));

    // Assess
    expect(outcome).toEqual({ value: {} });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 2);
  });

  it('retries a transaction cancelled by a TransactionConflict and then succeeds', async () => {
    // Prepare
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionCanceled('None', 'TransactionConflict'))
      .rejectsOnce(transactionCanceled('TransactionConflict', 'None'))
      .resolves({});

    // Act
    const outcome = await settle(transactWrite(db, input));

    // Assess
    expect(outcome).toEqual({ value: {} });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 3);
    for (const call of ddb.commandCalls(TransactWriteCommand))
      expect(call.args[0].input).toEqual(input);
  });

  it('gives up after six conflicting attempts and rethrows the last cancellation', async () => {
    // Prepare
    const last = transactionCanceled('None', 'TransactionConflict');
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionCanceled('TransactionConflict', 'None'))
      .rejectsOnce(transactionCanceled('TransactionConflict', 'None'))
      .rejectsOnce(transactionCanceled('TransactionConflict', 'None'))
      .rejectsOnce(transactionCanceled('TransactionConflict', 'None'))
      .rejectsOnce(transactionCanceled('TransactionConflict', 'None'))
      .rejects(last);

    // Act
    const outcome = await settle(transactWrite(db, input));

    // Assess
    expect(outcome).toEqual({ error: last });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 6);
  });

  it('makes only as many attempts as it is given', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('TransactionConflict', 'None'));

    // Act
    const outcome = await settle(transactWrite(db, input, 2));

    // Assess
    expect(outcome).toEqual({ error: expect.any(TransactionCanceledException) });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 2);
  });

  it('waits a jittered random × 50 ms × 2^attempt before each retry', async () => {
    // Prepare: half the largest jitter, so the delays are 50 ms and then 100 ms
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionCanceled('TransactionConflict', 'None'))
      .rejectsOnce(transactionCanceled('TransactionConflict', 'None'))
      .resolves({});

    // Act
    const result = transactWrite(db, input);

    // Assess
    await vi.advanceTimersByTimeAsync(49);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    await vi.advanceTimersByTimeAsync(1);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 2);
    await vi.advanceTimersByTimeAsync(99);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 2);
    await vi.advanceTimersByTimeAsync(1);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 3);
    await expect(result).resolves.toEqual({});
  });

  it.each([
    ['a condition failure', ['ConditionalCheckFailed', 'None'] as const],
    [
      'a condition failure alongside a conflict',
      ['ConditionalCheckFailed', 'TransactionConflict'] as const,
    ],
    ['a validation error', ['None', 'ValidationError'] as const],
  ])('rethrows a transaction cancelled by %s at once', async (_label, codes) => {
    // Prepare
    const cancelled = transactionCanceled(...codes);
    ddb.on(TransactWriteCommand).rejects(cancelled);

    // Act
    const outcome = await settle(transactWrite(db, input));

    // Assess
    expect(outcome).toEqual({ error: cancelled });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
  });

  it('rethrows a bare TransactionCanceledException without reasons at once', async () => {
    // Prepare
    const bare = transactionCanceled();
    ddb.on(TransactWriteCommand).rejects(bare);

    // Act
    const outcome = await settle(transactWrite(db, input));

    // Assess
    expect(bare.CancellationReasons).toBeUndefined();
    expect(outcome).toEqual({ error: bare });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
  });

  it('rethrows an error that is not a cancellation at once', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(tableThrottled());

    // Act
    const outcome = await settle(transactWrite(db, input));

    // Assess
    expect(outcome).toEqual({ error: expect.any(ProvisionedThroughputExceededException) });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
  });
});

describe('Function: conditionFailed', () => {
  const cancelled = transactionCanceled('None', 'ConditionalCheckFailed', 'None');

  it('is true for the item whose condition failed', () => {
    // Assess
    expect(conditionFailed(cancelled, 1)).toBe(true);
  });

  it.each([0, 2, 3])(
    'is false for item %i, whose condition held or which is not there',
    (index) => {
      // Assess
      expect(conditionFailed(cancelled, index)).toBe(false);
    }
  );

  it('is false for a conflict on the item', () => {
    // Assess
    expect(conditionFailed(transactionCanceled('TransactionConflict'), 0)).toBe(false);
  });

  it('is false for a cancellation without reasons', () => {
    // Assess
    expect(conditionFailed(transactionCanceled(), 0)).toBe(false);
  });

  it.each([
    [
      'a single write that failed its condition',
      new ConditionalCheckFailedException({ message: 'x', $metadata: {} }),
    ],
    [
      'an error that only carries the name',
      Object.assign(new Error('x'), {
        name: 'TransactionCanceledException',
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
      }),
    ],
    [
      'something that is not an error',
      { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] },
    ],
    ['undefined', undefined],
  ])('is false for %s', (_label, error) => {
    // Assess
    expect(conditionFailed(error, 0)).toBe(false);
  });
});

describe('Function: isConditionalCheckFailure', () => {
  it('is true for a single write that failed its condition', () => {
    // Assess
    expect(
      isConditionalCheckFailure(
        new ConditionalCheckFailedException({
          message: 'The conditional request failed',
          $metadata: {},
        })
      )
    ).toBe(true);
  });

  it.each([
    ['a cancelled transaction', transactionCanceled('ConditionalCheckFailed')],
    ['another table error', tableThrottled()],
    ['a plain object with the name', { name: 'ConditionalCheckFailedException' }],
  ])('is false for %s', (_label, error) => {
    // Assess
    expect(isConditionalCheckFailure(error)).toBe(false);
  });
});

describe('Function: transactor', () => {
  it('writes the parts of the stores as one transaction, with the retries of transactWrite', async () => {
    // Prepare
    vi.spyOn(Math, 'random').mockReturnValue(0);
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionCanceled('None', 'TransactionConflict'))
      .resolves({});
    const transact = transactor({ db, tableName: TABLE });

    // Act
    const outcome = await settle(transact(input.TransactItems));

    // Assess
    expect(outcome).toEqual({ value: undefined });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 2);
    expect(ddb).toReceiveCommandWith(TransactWriteCommand, { TransactItems: input.TransactItems });
  });
});
