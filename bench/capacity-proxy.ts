import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * A counting HTTP proxy in front of DynamoDB Local, in the bench process. The runtime's
 * handlers reach DynamoDB by the SDK's endpoint variable (AWS_ENDPOINT_URL_DYNAMODB); the
 * bench points that variable here, and the proxy adds `ReturnConsumedCapacity: TOTAL` to
 * every request that takes it and sums what DynamoDB Local answers: the same units AWS
 * bills on demand (table and indexes, transactions at twice the units). The handlers are
 * not changed. Responses pass through byte for byte (the SDK checks their CRC32), so a
 * handler that did not ask for ConsumedCapacity simply ignores the extra member.
 */
export interface CapacityTotals {
  readonly requests: number;
  readonly readUnits: number;
  readonly writeUnits: number;
  /** Requests per operation (PutItem, TransactWriteItems…). */
  readonly operations: Readonly<Record<string, number>>;
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

const capacity = z.object({
  CapacityUnits: z.number().optional(),
  ReadCapacityUnits: z.number().optional(),
  WriteCapacityUnits: z.number().optional(),
});
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

/** Read and write units of one answer; an operation that only writes bills writes. */
export const unitsOf = (
  operation: string,
  answerText: string,
  transactItems = 0
): { readUnits: number; writeUnits: number } => {
  let parsedAnswer: unknown;
  try {
    parsedAnswer = JSON.parse(answerText);
  } catch {
    return { readUnits: 0, writeUnits: 0 };
  }
  const result = answer.safeParse(parsedAnswer);
  if (!result.success || result.data.ConsumedCapacity === undefined)
    return { readUnits: 0, writeUnits: 0 };
  const list = Array.isArray(result.data.ConsumedCapacity)
    ? result.data.ConsumedCapacity
    : [result.data.ConsumedCapacity];
  let readUnits = 0;
  let writeUnits = 0;
  for (const c of list) {
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

const transactItemsIn = (request: Record<string, unknown>): number => {
  const items = request.TransactItems;
  return Array.isArray(items) ? items.length : 0;
};

/**
 * The request with `ReturnConsumedCapacity: TOTAL` added (INDEXES, when the caller asked for
 * it, still sums to the total; NONE becomes TOTAL), and its transaction's item count.
 */
const withCapacityAsked = (operation: string, raw: Buffer) => {
  if (!TAKES_CAPACITY.has(operation)) return { payload: raw, transactItems: 0 };
  const parsed = body.safeParse(jsonOrUndefined(raw.toString('utf8')));
  if (!parsed.success) return { payload: raw, transactItems: 0 };
  if (parsed.data.ReturnConsumedCapacity !== 'INDEXES')
    parsed.data.ReturnConsumedCapacity = 'TOTAL';
  return {
    payload: Buffer.from(JSON.stringify(parsed.data)),
    transactItems: transactItemsIn(parsed.data),
  };
};

export interface CapacityProxy {
  readonly url: string;
  readonly totals: () => CapacityTotals;
  readonly reset: () => void;
  readonly stop: () => Promise<void>;
}

/** Starts the proxy on a free port of `host`, forwarding to `target` (DynamoDB Local's URL). */
export const startCapacityProxy = async (
  target: string,
  host = '127.0.0.1'
): Promise<CapacityProxy> => {
  const upstream = new URL(target);
  let requests = 0;
  let readUnits = 0;
  let writeUnits = 0;
  let operations: Record<string, number> = {};
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const raw = await readAll(incoming);
      const targetHeader = incoming.headers['x-amz-target'];
      const operation =
        (typeof targetHeader === 'string' ? targetHeader : '').split('.').pop() ?? '';
      const { payload, transactItems } = withCapacityAsked(operation, raw);
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
            requests += 1;
            operations[operation] = (operations[operation] ?? 0) + 1;
            const units = unitsOf(operation, answerBody.toString('utf8'), transactItems);
            readUnits += units.readUnits;
            writeUnits += units.writeUnits;
            outgoing.writeHead(response.statusCode ?? 502, response.headers);
            outgoing.end(answerBody);
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
    totals: () => ({ requests, readUnits, writeUnits, operations: { ...operations } }),
    reset: () => {
      requests = 0;
      readUnits = 0;
      writeUnits = 0;
      operations = {};
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
};
