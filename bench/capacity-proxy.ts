import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';

/**
 * A counting HTTP proxy in front of DynamoDB Local, in the bench process. The runtime's
 * handlers reach DynamoDB by the SDK's endpoint variable (AWS_ENDPOINT_URL_DYNAMODB); the
 * bench points that variable here, and the proxy adds `ReturnConsumedCapacity: INDEXES` to
 * every request that takes it and sums what DynamoDB Local answers: the same units AWS
 * bills on demand (table and indexes). The handlers are not changed. Responses pass through
 * byte for byte (the SDK checks their CRC32), so a handler that did not ask for
 * ConsumedCapacity simply ignores the extra member.
 *
 * Every write is also told apart by what it wrote (`writes`): the operation and the item
 * kind (the prefix of its `pk`, and its `sk` where that names the item, e.g.
 * `SURVEY/RESPONSE`), each item of a transaction on its own, so a figure explains itself.
 */
export interface CapacityTotals {
  readonly requests: number;
  readonly readUnits: number;
  readonly writeUnits: number;
  /** Requests per operation (PutItem, TransactWriteItems…). */
  readonly operations: Readonly<Record<string, number>>;
  /** Write units by item kind and operation (`writeLineKey`), table and indexes. */
  readonly writes: Readonly<Record<string, WriteLine>>;
}

/** The writes of one item kind by one operation: how many, and their units. */
export interface WriteLine {
  readonly kind: string;
  /** PutItem, UpdateItem…; a transaction's part is `Transact Put`, `Transact Update`… */
  readonly operation: string;
  readonly writes: number;
  readonly writeUnits: number;
}

/** One item's share of a write request. */
export interface WriteShare {
  readonly kind: string;
  readonly operation: string;
  readonly writeUnits: number;
}

const TAKES_CAPACITY = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);
const WRITES = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

const units = z.object({ CapacityUnits: z.number().optional() });
const capacity = z.object({
  CapacityUnits: z.number().optional(),
  ReadCapacityUnits: z.number().optional(),
  WriteCapacityUnits: z.number().optional(),
  Table: units.optional(),
  GlobalSecondaryIndexes: z.record(z.string(), units).optional(),
});
type Capacity = z.infer<typeof capacity>;
const answer = z.object({
  ConsumedCapacity: z.union([capacity, z.array(capacity)]).optional(),
});
const body = z.record(z.string(), z.unknown());

const jsonOrUndefined = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const readAll = async (stream: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
};

const capacitiesOf = (answerText: string): Capacity[] => {
  const result = answer.safeParse(jsonOrUndefined(answerText));
  if (!result.success || result.data.ConsumedCapacity === undefined) return [];
  return Array.isArray(result.data.ConsumedCapacity)
    ? result.data.ConsumedCapacity
    : [result.data.ConsumedCapacity];
};

/** Read and write units of one answer; an operation that only writes bills writes. */
export const unitsOf = (
  operation: string,
  answerText: string,
  transactItems = 0
): { readUnits: number; writeUnits: number } => {
  let readUnits = 0;
  let writeUnits = 0;
  for (const c of capacitiesOf(answerText)) {
    const split = (c.ReadCapacityUnits ?? 0) + (c.WriteCapacityUnits ?? 0) > 0;
    if (split) {
      readUnits += c.ReadCapacityUnits ?? 0;
      writeUnits += c.WriteCapacityUnits ?? 0;
    } else if (WRITES.has(operation)) writeUnits += c.CapacityUnits ?? 0;
    else readUnits += c.CapacityUnits ?? 0;
  }
  // DynamoDB Local sums a transaction's items before rounding to 1 KB; AWS bills 2 WRU per
  // item and KB, so each item of a TransactWriteItems costs at least 2.
  if (operation === 'TransactWriteItems') writeUnits = Math.max(writeUnits, 2 * transactItems);
  return { readUnits, writeUnits };
};

// What a write wrote: its item kinds, sizes and the indexes whose keys it names.

const stringAttribute = z.object({ S: z.string() });
const keyShape = z.object({ pk: stringAttribute, sk: stringAttribute.optional() });

/**
 * The kind of an item from its key (DynamoDB JSON): the prefix of its `pk`, with its `sk`
 * where that is a name of its own (`SURVEY#1`/`RESPONSE` → `SURVEY/RESPONSE`; `AGG#CSI#BU#x`/
 * `2024-01-01#s` → `AGG`).
 */
export const itemKindOf = (key: unknown): string => {
  const parsed = keyShape.safeParse(key);
  if (!parsed.success) return 'unknown';
  const prefix = parsed.data.pk.S.split('#')[0] ?? '';
  const sk = parsed.data.sk?.S;
  return sk !== undefined && /^[A-Z]+$/.test(sk) && sk !== prefix ? `${prefix}/${sk}` : prefix;
};

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The size DynamoDB bills an item (DynamoDB JSON) by, approximately as documented: names
 * and values in UTF-8, a number by its digits, a map or list 3 bytes plus 1 per element.
 */
export const itemSizeOf = (item: unknown): number => {
  const parsed = body.safeParse(item);
  if (!parsed.success) return 0;
  let size = 0;
  for (const [name, value] of Object.entries(parsed.data)) size += utf8(name) + valueSize(value);
  return size;
};

const valueSize = (value: unknown): number => {
  const parsed = body.safeParse(value);
  if (!parsed.success) return 0;
  const [type, inner] = Object.entries(parsed.data)[0] ?? [];
  switch (type) {
    case 'S':
      return typeof inner === 'string' ? utf8(inner) : 0;
    case 'N':
      return typeof inner === 'string' ? Math.ceil(inner.replace(/[-.]/g, '').length / 2) + 1 : 0;
    case 'B':
      return typeof inner === 'string' ? Buffer.from(inner, 'base64').length : 0;
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'SS':
    case 'NS':
      return Array.isArray(inner) ? inner.reduce((s: number, v) => s + utf8(String(v)), 0) : 0;
    case 'L':
      return Array.isArray(inner) ? 3 + inner.reduce((s: number, v) => s + 1 + valueSize(v), 0) : 3;
    case 'M':
      return 3 + (itemSizeOf(inner) || 0) + Object.keys(body.safeParse(inner).data ?? {}).length;
    default:
      return 0;
  }
};

/** One part of a TransactWriteItems request, as the proxy reads it. */
export interface TransactPart {
  readonly action: string;
  readonly tableName: string | undefined;
  readonly key: unknown;
  readonly kind: string;
  /** The size of the item a Put writes; unknown for the others. */
  readonly putSize: number | undefined;
  /** The text of the part: which index keys it names. */
  readonly text: string;
}

const partShape = z.object({
  TableName: z.string().optional(),
  Key: z.unknown().optional(),
  Item: z.unknown().optional(),
});

export const transactPartsOf = (requestBody: Record<string, unknown>): TransactPart[] => {
  const items = requestBody.TransactItems;
  if (!Array.isArray(items)) return [];
  return items.flatMap((entry: unknown) => {
    const parsed = body.safeParse(entry);
    if (!parsed.success) return [];
    const [action, detail] = Object.entries(parsed.data)[0] ?? [];
    const part = partShape.safeParse(detail);
    if (action === undefined || !part.success) return [];
    const key = part.data.Key ?? part.data.Item;
    return [
      {
        action,
        tableName: part.data.TableName,
        key,
        kind: itemKindOf(key),
        putSize: action === 'Put' ? itemSizeOf(part.data.Item) : undefined,
        text: JSON.stringify(detail),
      },
    ];
  });
};

/** The index names of an answer's capacity with their write units. */
const indexUnitsOf = (capacities: readonly Capacity[]): Map<string, number> => {
  const byIndex = new Map<string, number>();
  for (const c of capacities)
    for (const [name, u] of Object.entries(c.GlobalSecondaryIndexes ?? {}))
      byIndex.set(name, (byIndex.get(name) ?? 0) + (u.CapacityUnits ?? 0));
  return byIndex;
};

/**
 * A transaction's units item by item, as AWS bills them: 2 WRU per item and started KB of
 * the item as written (`sizes`: measured after the write, else the Put's own item, else
 * under 1 KB; a ConditionCheck writes nothing but is billed like a write), and the index
 * writes DynamoDB Local reported, each index's shared among the parts that name its keys.
 */
export const transactShares = (
  parts: readonly TransactPart[],
  answerText: string,
  sizes: readonly (number | undefined)[] = []
): WriteShare[] => {
  const shares = parts.map((part, i) => ({
    kind: part.kind,
    operation: `Transact ${part.action}`,
    writeUnits: 2 * Math.max(1, Math.ceil((sizes[i] ?? part.putSize ?? 0) / 1024)),
  }));
  for (const [index, indexUnits] of indexUnitsOf(capacitiesOf(answerText))) {
    const naming = parts.flatMap((part, i) => (part.text.includes(`"${index}pk"`) ? [i] : []));
    const takers = naming.length > 0 ? naming : [0];
    for (const i of takers) {
      const share = shares[i];
      if (share) share.writeUnits += indexUnits / takers.length;
    }
  }
  return shares;
};

/** The units of a single write (table and indexes), on the kind of the item it names. */
export const singleWriteShare = (
  operation: string,
  requestBody: Record<string, unknown>,
  answerText: string
): WriteShare => ({
  kind: itemKindOf(requestBody.Key ?? requestBody.Item),
  operation,
  writeUnits: unitsOf(operation, answerText).writeUnits,
});

export const writeLineKey = (share: Pick<WriteShare, 'kind' | 'operation'>) =>
  `${share.kind} ${share.operation}`;

/** The request with `ReturnConsumedCapacity: INDEXES` (what it asked is a part of that). */
const withCapacityAsked = (operation: string, raw: Buffer) => {
  if (!TAKES_CAPACITY.has(operation)) return { payload: raw, parsed: undefined };
  const parsed = body.safeParse(jsonOrUndefined(raw.toString('utf8')));
  if (!parsed.success) return { payload: raw, parsed: undefined };
  parsed.data.ReturnConsumedCapacity = 'INDEXES';
  return { payload: Buffer.from(JSON.stringify(parsed.data)), parsed: parsed.data };
};

export interface CapacityProxy {
  readonly url: string;
  readonly totals: () => CapacityTotals;
  /** Waits for the item sizes of the transactions answered so far (they come after). */
  readonly settle: () => Promise<void>;
  readonly reset: () => void;
  readonly stop: () => Promise<void>;
}

/**
 * Starts the proxy on a free port of `host`, forwarding to `target` (DynamoDB Local's URL).
 * A transaction's items are read back from `target` after its answer went out (not
 * counted, not delaying the caller), for their sizes; `settle` waits for those reads.
 */
export const startCapacityProxy = async (
  target: string,
  host = '127.0.0.1'
): Promise<CapacityProxy> => {
  const upstream = new URL(target);
  const reader = new DynamoDBClient({
    endpoint: target,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  let requests = 0;
  let readUnits = 0;
  let writeUnits = 0;
  let operations: Record<string, number> = {};
  let writes: Record<string, WriteLine> = {};
  let generation = 0;
  const pending = new Set<Promise<void>>();

  const addShares = (shares: readonly WriteShare[]) => {
    for (const share of shares) {
      const key = writeLineKey(share);
      const line = writes[key];
      writes[key] = {
        kind: share.kind,
        operation: share.operation,
        writes: (line?.writes ?? 0) + 1,
        writeUnits: (line?.writeUnits ?? 0) + share.writeUnits,
      };
      writeUnits += share.writeUnits;
    }
  };

  const sizeAfterWrite = async (part: TransactPart): Promise<number | undefined> => {
    if (part.tableName === undefined || part.action === 'ConditionCheck') return undefined;
    const key = keyShape.safeParse(part.key);
    if (!key.success) return undefined;
    const out = await reader.send(
      new GetItemCommand({
        TableName: part.tableName,
        Key: { pk: key.data.pk, ...(key.data.sk ? { sk: key.data.sk } : {}) },
        ConsistentRead: true,
      })
    );
    return out.Item ? itemSizeOf(out.Item) : undefined;
  };

  const countTransaction = (parts: readonly TransactPart[], answerText: string) => {
    if (capacitiesOf(answerText).length === 0) return;
    const mine = generation;
    const job = Promise.all(parts.map((part) => sizeAfterWrite(part).catch(() => undefined)))
      .then((sizes) => {
        if (mine === generation) addShares(transactShares(parts, answerText, sizes));
      })
      .finally(() => pending.delete(job));
    pending.add(job);
  };

  const count = (operation: string, parsed: Record<string, unknown> | undefined, text: string) => {
    requests += 1;
    operations[operation] = (operations[operation] ?? 0) + 1;
    readUnits += unitsOf(operation, text).readUnits;
    if (!WRITES.has(operation) || parsed === undefined) return;
    if (operation === 'TransactWriteItems') countTransaction(transactPartsOf(parsed), text);
    else addShares([singleWriteShare(operation, parsed, text)]);
  };

  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const raw = await readAll(incoming);
      const targetHeader = incoming.headers['x-amz-target'];
      const operation =
        (typeof targetHeader === 'string' ? targetHeader : '').split('.').pop() ?? '';
      const { payload, parsed } = withCapacityAsked(operation, raw);
      const headers = {
        ...incoming.headers,
        'content-length': String(payload.length),
        host: upstream.host,
      };
      const forwarded = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: incoming.url,
          method: incoming.method,
          headers,
        },
        (response) => {
          void readAll(response).then((answerBody) => {
            outgoing.writeHead(response.statusCode ?? 502, response.headers);
            outgoing.end(answerBody);
            count(operation, parsed, answerBody.toString('utf8'));
          });
        }
      );
      forwarded.on('error', (error) => {
        outgoing.writeHead(502);
        outgoing.end(String(error));
      });
      forwarded.end(payload);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    totals: () => ({
      requests,
      readUnits,
      writeUnits,
      operations: { ...operations },
      writes: { ...writes },
    }),
    settle: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    reset: () => {
      generation += 1;
      requests = 0;
      readUnits = 0;
      writeUnits = 0;
      operations = {};
      writes = {};
    },
    stop: () =>
      new Promise((resolve) => {
        reader.destroy();
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
};
