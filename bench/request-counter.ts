import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through HTTP proxy that counts the requests `counts` selects: the bench puts it in
 * front of a local AWS endpoint whose calls are billed per call (EventBridge Scheduler's
 * CreateSchedule: one one-time schedule, one invocation when it fires).
 */
export interface RequestCounter {
  readonly url: string;
  readonly count: () => number;
  readonly reset: () => void;
  readonly stop: () => Promise<void>;
}

export const startRequestCounter = async (
  target: string,
  counts: (method: string, path: string) => boolean
): Promise<RequestCounter> => {
  const upstream = new URL(target);
  let counted = 0;
  const server: Server = createServer((incoming, outgoing) => {
    if (counts(incoming.method ?? 'GET', incoming.url ?? '/')) counted += 1;
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: incoming.url,
        method: incoming.method,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      }
    );
    forwarded.on('error', (error) => {
      outgoing.writeHead(502);
      outgoing.end(String(error));
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => counted,
    reset: () => {
      counted = 0;
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
