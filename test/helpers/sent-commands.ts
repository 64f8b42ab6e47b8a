import {
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { expect } from 'vitest';

/**
 * What a test reads back from the calls the mocked table received: the updates and queries
 * sent, with their expressions decoded, the keys written, and the expectations several
 * tests make of them (not a test file itself).
 */
type DocumentStub = AwsClientStub<DynamoDBDocumentClient>;

interface UpdateLike {
  readonly UpdateExpression?: string | undefined;
  readonly ExpressionAttributeNames?: Record<string, string> | undefined;
  readonly ExpressionAttributeValues?: Record<string, unknown> | undefined;
}

/**
 * The counters an aggregate update adds, read back from its `ADD #cN :vN, …` clause:
 * `{ rated: 1, scoreSum: 4, d4: 1 }`. Empty when the update adds nothing.
 */
export const addedCounters = (update: UpdateLike | undefined): Record<string, unknown> => {
  if (!update) return {};
  const clause = update.UpdateExpression?.split(' ADD ')[1];
  if (!clause) return {};
  return Object.fromEntries(
    clause.split(',').map((pair) => {
      const [name = '', value = ''] = pair.trim().split(' ');
      return [
        update.ExpressionAttributeNames?.[name] ?? name,
        update.ExpressionAttributeValues?.[value],
      ];
    })
  );
};

interface ExpressionLike {
  readonly ExpressionAttributeNames?: Record<string, string> | undefined;
  readonly ExpressionAttributeValues?: Record<string, unknown> | undefined;
}

/**
 * An expression with its placeholders filled in: `#status IN (:v1, :v2)` reads
 * `status IN ("sent", "reminded")`, so a test asserts what a write means, not how its
 * placeholders happen to be numbered.
 */
export const readable = (expression: string | undefined, input: ExpressionLike) =>
  expression
    ?.replace(/#\w+/g, (name) => input.ExpressionAttributeNames?.[name] ?? name)
    .replace(/:\w+/g, (value) => JSON.stringify(input.ExpressionAttributeValues?.[value]));

/** Splits on commas outside parentheses (`a = b, c = if_not_exists(c, :v)`). */
const topLevelParts = (text: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
};

export interface DecodedUpdate {
  /** SET attributes and their values. */
  readonly set: Record<string, unknown>;
  /** SET … if_not_exists attributes and their values. */
  readonly setIfAbsent: Record<string, unknown>;
  readonly add: Record<string, unknown>;
  readonly remove: string[];
  /** The condition, readable (see `readable`). */
  readonly condition: string | undefined;
}

/** What an update (alone or in a transaction) does, read back from its expressions. */
export const decodeUpdate = (
  update: (UpdateLike & { readonly ConditionExpression?: string | undefined }) | undefined
): DecodedUpdate => {
  const names = update?.ExpressionAttributeNames ?? {};
  const values = update?.ExpressionAttributeValues ?? {};
  const decoded: DecodedUpdate = {
    set: {},
    setIfAbsent: {},
    add: {},
    remove: [],
    condition: readable(update?.ConditionExpression, update ?? {}),
  };
  const clauses = (update?.UpdateExpression ?? '').split(/ ?\b(?=SET |ADD |REMOVE )/);
  for (const clause of clauses) {
    const [keyword = '', ...rest] = clause.trim().split(' ');
    for (const part of topLevelParts(rest.join(' '))) {
      if (keyword === 'REMOVE') decoded.remove.push(names[part] ?? part);
      if (keyword === 'ADD') {
        const [name = '', value = ''] = part.split(' ');
        decoded.add[names[name] ?? name] = values[value];
      }
      if (keyword === 'SET') {
        const [name = '', expression = ''] = part.split(' = ');
        const absent = /^if_not_exists\(\S+, (:\w+)\)$/.exec(expression);
        if (absent) decoded.setIfAbsent[names[name] ?? name] = values[absent[1] ?? ''];
        else decoded.set[names[name] ?? name] = values[expression];
      }
    }
  }
  return decoded;
};

interface QueryLike extends ExpressionLike {
  readonly IndexName?: string | undefined;
  readonly KeyConditionExpression?: string | undefined;
}

/** The partition a query reads: the value its key condition compares the partition key with. */
export const partitionOf = (query: QueryLike): unknown => {
  const placeholder = /= (:\w+)/.exec(query.KeyConditionExpression ?? '')?.[1] ?? '';
  return query.ExpressionAttributeValues?.[placeholder];
};

/**
 * Every update a handler sent, alone or inside a transaction, in order: its key and what
 * it does (see `decodeUpdate`).
 */
export const sentUpdates = (
  ddb: DocumentStub
): (DecodedUpdate & { readonly key: Record<string, unknown> | undefined })[] => [
  ...ddb
    .commandCalls(TransactWriteCommand)
    .flatMap((call) => call.args[0].input.TransactItems ?? [])
    .flatMap((item) => (item.Update ? [item.Update] : []))
    .map((update) => ({ key: update.Key, ...decodeUpdate(update) })),
  ...ddb
    .commandCalls(UpdateCommand)
    .map((call) => ({ key: call.args[0].input.Key, ...decodeUpdate(call.args[0].input) })),
];

/**
 * The key of every item a handler wrote: Put items, Update keys, inside transactions or
 * alone. Reads are left out.
 */
export const writtenKeys = (ddb: DocumentStub): { pk: unknown; sk: unknown }[] => {
  const keys: { pk: unknown; sk: unknown }[] = [];
  const add = (item: Record<string, unknown> | undefined) => {
    if (item) keys.push({ pk: item.pk, sk: item.sk });
  };
  for (const call of ddb.commandCalls(TransactWriteCommand)) {
    for (const item of call.args[0].input.TransactItems ?? []) {
      add(item.Put?.Item);
      add(item.Update?.Key);
      add(item.Delete?.Key);
    }
  }
  for (const call of ddb.commandCalls(PutCommand)) add(call.args[0].input.Item);
  for (const call of ddb.commandCalls(UpdateCommand)) add(call.args[0].input.Key);
  return keys;
};

/**
 * The handler wrote in exactly one transaction, and it updated `key` setting at least `set`
 * (under `condition`, readable, when one is given).
 */
export const expectOneTransactionUpdating = (
  ddb: DocumentStub,
  key: Record<string, string>,
  { set, condition }: { readonly set: Record<string, unknown>; readonly condition?: string }
): void => {
  expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
  expect(sentUpdates(ddb)).toContainEqual(
    expect.objectContaining({
      key,
      set: expect.objectContaining(set),
      ...(condition === undefined ? {} : { condition }),
    })
  );
};

/** A put that writes only a new item: its condition is that no item has its key yet. */
export const expectNewItemOnly = (
  put: (ExpressionLike & { readonly ConditionExpression?: string | undefined }) | undefined
): void => {
  expect(readable(put?.ConditionExpression, put ?? {})).toBe('attribute_not_exists(pk)');
};
