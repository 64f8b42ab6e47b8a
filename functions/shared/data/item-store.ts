import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import { absent, Placeholders, renderCondition, type Condition } from './expression.ts';
import { PRIMARY_KEY, type Partition } from './keys.ts';
import { isConditionalCheckFailure } from './transact.ts';

/**
 * The one table and the entity stores' shared access to it: reads, conditional writes and
 * the TransactWrite parts the stores hand to use cases. Only the stores use it; a use case
 * sees entities, never items, keys or expressions.
 */
export interface Table {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
}

export type Item = Record<string, unknown>;
export type Key = Readonly<Record<string, string>>;
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** An item that does not exist yet: the condition of every create. */
export const NEW_ITEM: Condition = absent('pk');

/** A change to one item: SET, SET if absent, ADD, REMOVE, under an optional condition. */
export interface ItemUpdate {
  readonly key: Key;
  /** Attributes to set; undefined values are left out. */
  readonly set?: Readonly<Record<string, unknown>>;
  /** Attributes set only when the item has none yet (the first time wins). */
  readonly setIfAbsent?: Readonly<Record<string, unknown>>;
  /**
   * Attributes set from another attribute of the item as it was before this write, only
   * when they have none yet (`{ openingScore: 'score' }` keeps the first score).
   */
  readonly copyIfAbsent?: Readonly<Record<string, string>>;
  /** Numbers to add; zero is left out. */
  readonly add?: Readonly<Record<string, number>>;
  /** Lists to append to (created when absent): concurrent appends all land, none is lost. */
  readonly append?: Readonly<Record<string, readonly unknown[]>>;
  readonly remove?: readonly string[];
  readonly when?: Condition;
}

const updateInput = (tableName: string, update: ItemUpdate) => {
  const p = new Placeholders();
  const sets = Object.entries(update.set ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${p.name(name)} = ${p.value(value)}`);
  for (const [name, value] of Object.entries(update.setIfAbsent ?? {})) {
    const placeholder = p.name(name);
    sets.push(`${placeholder} = if_not_exists(${placeholder}, ${p.value(value)})`);
  }
  for (const [name, from] of Object.entries(update.copyIfAbsent ?? {})) {
    const placeholder = p.name(name);
    sets.push(`${placeholder} = if_not_exists(${placeholder}, ${p.name(from)})`);
  }
  for (const [name, values] of Object.entries(update.append ?? {})) {
    const placeholder = p.name(name);
    const empty = p.value([]);
    sets.push(
      `${placeholder} = list_append(if_not_exists(${placeholder}, ${empty}), ${p.value(values)})`
    );
  }
  const adds = Object.entries(update.add ?? {})
    .filter(([, amount]) => amount !== 0)
    .map(([name, amount]) => `${p.name(name)} ${p.value(amount)}`);
  const removes = (update.remove ?? []).map((name) => p.name(name));
  const clauses = [
    sets.length > 0 ? `SET ${sets.join(', ')}` : '',
    adds.length > 0 ? `ADD ${adds.join(', ')}` : '',
    removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '',
  ].filter((clause) => clause !== '');
  const condition = update.when ? renderCondition(update.when, p) : undefined;
  return {
    TableName: tableName,
    Key: update.key,
    UpdateExpression: clauses.join(' '),
    ...(condition ? { ConditionExpression: condition } : {}),
    ...p.attributes(),
  };
};

const putInput = (tableName: string, item: Item, when?: Condition) => {
  const p = new Placeholders();
  const condition = when ? renderCondition(when, p) : undefined;
  return {
    TableName: tableName,
    Item: item,
    ...(condition ? { ConditionExpression: condition } : {}),
    ...p.attributes(),
  };
};

const deleteInput = (tableName: string, key: Key, when?: Condition) => {
  const p = new Placeholders();
  const condition = when ? renderCondition(when, p) : undefined;
  return {
    TableName: tableName,
    Key: key,
    ...(condition ? { ConditionExpression: condition } : {}),
    ...p.attributes(),
  };
};

const wireItem = z.object({ Item: z.record(z.string(), z.custom<AttributeValue>()) });

/**
 * The item a failed condition handed back (ReturnValuesOnConditionCheckFailure), if any; the
 * document client leaves an exception's item in the wire format.
 */
const oldItemOf = (error: unknown): Item | undefined => {
  const parsed = wireItem.safeParse(error);
  return parsed.success ? unmarshall(parsed.data.Item) : undefined;
};

/** Sort-key bounds of a query: a prefix, a closed range, or everything before a value. */
export type SortRange =
  | { readonly beginsWith: string }
  | { readonly from: string; readonly to: string }
  | { readonly before: string };

export interface QueryOptions {
  readonly range?: SortRange;
  readonly newestFirst?: boolean;
  /** One page of at most this many items; without it every page is read. */
  readonly limit?: number;
}

const keyCondition = (partition: Partition, range: SortRange | undefined, p: Placeholders) => {
  const pk = `${p.name(partition.index.pk)} = ${p.value(partition.value)}`;
  if (!range) return pk;
  const sk = p.name(partition.index.sk);
  if ('beginsWith' in range) return `${pk} AND begins_with(${sk}, ${p.value(range.beginsWith)})`;
  if ('before' in range) return `${pk} AND ${sk} < ${p.value(range.before)}`;
  return `${pk} AND ${sk} BETWEEN ${p.value(range.from)} AND ${p.value(range.to)}`;
};

/** One page of a query and where the next begins (undefined: it was the last). */
export interface QueryPage {
  readonly items: Item[];
  readonly next: Record<string, unknown> | undefined;
}

/** BatchGetItem reads at most this many keys per request. */
const BATCH_GET_LIMIT = 100;
/** Tries at keys DynamoDB left unprocessed (throttled) before giving up. */
const BATCH_GET_TRIES = 8;

/** The primary key of an item (or index entry): what BatchGetItem is asked for. */
export const primaryKeyOf = (item: Item): Key | undefined => {
  const pk = item[PRIMARY_KEY.pk];
  const sk = item[PRIMARY_KEY.sk];
  return typeof pk === 'string' && typeof sk === 'string'
    ? { [PRIMARY_KEY.pk]: pk, [PRIMARY_KEY.sk]: sk }
    : undefined;
};

const keyString = (key: Item) =>
  `${String(key[PRIMARY_KEY.pk])}\u0000${String(key[PRIMARY_KEY.sk])}`;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One page of a query from `start` (the `next` of the page before): what a pass that
 * must stop in time and go on later reads.
 */
const queryPageOf =
  ({ db, tableName }: Table) =>
  async (
    partition: Partition,
    options: QueryOptions & { readonly start?: Record<string, unknown> | undefined } = {}
  ): Promise<QueryPage> => {
    const p = new Placeholders();
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        ...(partition.index.indexName ? { IndexName: partition.index.indexName } : {}),
        KeyConditionExpression: keyCondition(partition, options.range, p),
        ...p.attributes(),
        ...(options.newestFirst ? { ScanIndexForward: false } : {}),
        ...(options.limit ? { Limit: options.limit } : {}),
        ExclusiveStartKey: options.start,
      })
    );
    return { items: page.Items ?? [], next: page.LastEvaluatedKey };
  };

/**
 * The items of these keys, in the order of the keys (missing ones left out): how a
 * query on an index that projects keys only reads what it found. 100 keys a request;
 * keys DynamoDB leaves unprocessed are asked again after a short backoff.
 * Eventually consistent like the index itself unless asked.
 */
const batchGetOf =
  ({ db, tableName }: Table) =>
  async (
    keys: readonly Key[],
    options: { readonly consistent?: boolean } = {}
  ): Promise<Item[]> => {
    const found = new Map<string, Item>();
    for (let at = 0; at < keys.length; at += BATCH_GET_LIMIT) {
      let pending: Key[] = keys.slice(at, at + BATCH_GET_LIMIT);
      for (let tries = 0; pending.length > 0; tries += 1) {
        if (tries >= BATCH_GET_TRIES) throw new BatchGetIncompleteError(pending.length);
        if (tries > 0) await pause(Math.min(1000, 25 * 2 ** tries) * Math.random());
        const out = await db.send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: { Keys: pending, ConsistentRead: options.consistent ?? false },
            },
          })
        );
        for (const item of out.Responses?.[tableName] ?? []) found.set(keyString(item), item);
        pending = (out.UnprocessedKeys?.[tableName]?.Keys ?? []).flatMap((key) => {
          const primary = primaryKeyOf(key);
          return primary ? [primary] : [];
        });
      }
    }
    return keys.flatMap((key) => {
      const item = found.get(keyString(key));
      return item ? [item] : [];
    });
  };

/**
 * A put under a condition that, when it fails, hands back the item as it is
 * (`ReturnValuesOnConditionCheckFailure: ALL_OLD`): no read to learn what was there.
 */
const putOrGetOldOf =
  ({ db, tableName }: Table) =>
  async (
    item: Item,
    when: Condition
  ): Promise<{ readonly applied: true } | { readonly applied: false; readonly old?: Item }> => {
    try {
      await db.send(
        new PutCommand({
          ...putInput(tableName, item, when),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        })
      );
      return { applied: true };
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      const old = oldItemOf(error);
      return old ? { applied: false, old } : { applied: false };
    }
  };

/**
 * Deletes an item (deleting what is gone is no error).
 * @returns false when the condition failed
 */
const deleteOf =
  ({ db, tableName }: Table) =>
  async (key: Key, when?: Condition): Promise<boolean> => {
    try {
      await db.send(new DeleteCommand(deleteInput(tableName, key, when)));
      return true;
    } catch (error) {
      if (when && isConditionalCheckFailure(error)) return false;
      throw error;
    }
  };

/**
 * Deletes an item and hands back what it was (undefined: there was none), in one request:
 * of two callers deleting the same item at once, only one gets it.
 */
const removeOf =
  ({ db, tableName }: Table) =>
  async (key: Key): Promise<Item | undefined> =>
    (await db.send(new DeleteCommand({ TableName: tableName, Key: key, ReturnValues: 'ALL_OLD' })))
      .Attributes;

/** The shared table access of the entity stores (see the stores, not this, from use cases). */
export const itemStore = (table: Table) => {
  const { db, tableName } = table;
  return {
    /** A strongly consistent read: a step that just wrote reads its own write. */
    get: async (key: Key): Promise<Item | undefined> =>
      (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true })))
        .Item,

    /** @returns false when the condition failed */
    put: async (item: Item, when?: Condition): Promise<boolean> => {
      try {
        await db.send(new PutCommand(putInput(tableName, item, when)));
        return true;
      } catch (error) {
        if (when && isConditionalCheckFailure(error)) return false;
        throw error;
      }
    },

    putOrGetOld: putOrGetOldOf(table),

    remove: removeOf(table),

    delete: deleteOf(table),

    /** @returns whether it applied (false: the condition failed) and, if asked, the item before */
    update: async (
      update: ItemUpdate,
      options: { readonly returnOld?: boolean } = {}
    ): Promise<{ readonly applied: boolean; readonly old?: Item | undefined }> => {
      try {
        const out = await db.send(
          new UpdateCommand({
            ...updateInput(tableName, update),
            ...(options.returnOld ? { ReturnValues: 'ALL_OLD' as const } : {}),
          })
        );
        // Only a request for the old item reads the answer (a plain write's answer is empty).
        return { applied: true, old: options.returnOld ? out.Attributes : undefined };
      } catch (error) {
        if (update.when && isConditionalCheckFailure(error)) return { applied: false };
        throw error;
      }
    },

    query: async (partition: Partition, options: QueryOptions = {}): Promise<Item[]> => {
      const p = new Placeholders();
      const condition = keyCondition(partition, options.range, p);
      const items: Item[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            ...(partition.index.indexName ? { IndexName: partition.index.indexName } : {}),
            KeyConditionExpression: condition,
            ...p.attributes(),
            ...(options.newestFirst ? { ScanIndexForward: false } : {}),
            ...(options.limit ? { Limit: options.limit } : {}),
            ExclusiveStartKey: start,
          })
        );
        items.push(...(page.Items ?? []));
        start = options.limit ? undefined : page.LastEvaluatedKey;
      } while (start);
      return items;
    },

    queryPage: queryPageOf(table),

    batchGet: batchGetOf(table),

    putItem: (item: Item, when?: Condition): TransactItem => ({
      Put: putInput(tableName, item, when),
    }),

    /** The TransactWrite part that deletes an item, under an optional condition. */
    deleteItem: (key: Key, when?: Condition): TransactItem => ({
      Delete: deleteInput(tableName, key, when),
    }),

    /**
     * @param options.returnOldOnFailure a failed condition cancels the transaction with the
     *   item as it is (`ReturnValuesOnConditionCheckFailure: ALL_OLD`), so the caller can
     *   retry on top of it instead of reading it again (see `attemptTransact`)
     */
    updateItem: (
      update: ItemUpdate,
      options: { readonly returnOldOnFailure?: boolean } = {}
    ): TransactItem => ({
      Update: {
        ...updateInput(tableName, update),
        ...(options.returnOldOnFailure
          ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const }
          : {}),
      },
    }),
  };
};
export type ItemStore = ReturnType<typeof itemStore>;

/** DynamoDB kept leaving keys unprocessed (throttling): the read is not complete. */
export class BatchGetIncompleteError extends Error {
  override name = 'BatchGetIncompleteError';
  constructor(unprocessed: number) {
    super(`${unprocessed} keys left unprocessed after ${BATCH_GET_TRIES} tries`);
  }
}

/**
 * Reads the items an index query found (an index that projects keys only): the query's
 * pages, then the items by key, in the query's order.
 */
export const queryThenGet = async (
  items: ItemStore,
  partition: Partition,
  options: QueryOptions = {}
): Promise<Item[]> => {
  const entries = await items.query(partition, options);
  return items.batchGet(
    entries.flatMap((entry) => {
      const key = primaryKeyOf(entry);
      return key ? [key] : [];
    })
  );
};
