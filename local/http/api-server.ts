import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import type { RouteDefinition } from '#lib/definitions/route-definition.ts';
import { toAuthorizerContext } from '#shared/access/principal.ts';
import type { LocalFunctions } from '../lambda/local-functions.ts';
import { toApiGatewayEvent, type LambdaAuthorizerContext } from './api-gateway-event.ts';
import { createRouteMatcher } from './route-matcher.ts';

/** API Gateway's payload limit for HTTP APIs. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const structuredResult = z.object({
  statusCode: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  cookies: z.array(z.string()).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
});

export interface ApiServerOptions {
  readonly routes: readonly RouteDefinition[];
  readonly functions: Pick<LocalFunctions, 'invoke'>;
  /**
   * The local scripts' static bearer token (local-only: nothing on AWS knows it): this
   * server itself turns it into an administrator, `via: local-token`, before any authorizer.
   */
  readonly adminToken: string;
  /**
   * The function invoked as the Lambda authorizer of every `admin` route, as API Gateway
   * does (docs/sign-in.md). @default 'AuthorizeRequest'
   */
  readonly authorizerId?: string;
  /** Local-only control endpoints under /_local/ (schedule triggers). */
  readonly control: (
    method: string,
    path: string
  ) => Promise<{ status: number; body: unknown } | undefined>;
}

const sameSecret = (given: string, expected: string): boolean => {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
};

/** The administrator the local token stands for (docs/local-runtime.md). */
const LOCAL_ADMIN = toAuthorizerContext({
  sub: 'local-admin',
  name: 'Local administrator',
  email: '',
  role: 'admin',
  units: 'all',
  via: 'local-token',
});

const authorizerResult = z.object({
  isAuthorized: z.boolean(),
  context: z.record(z.string(), z.unknown()).optional(),
});

/** The authorizer threw `Unauthorized`: API Gateway's 401. */
const isUnauthorized = (error: unknown): boolean =>
  error instanceof Error && error.message === 'Unauthorized';

const sendJson = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

class PayloadTooLargeError extends Error {
  override name = 'PayloadTooLargeError';
}

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new PayloadTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
};

/**
 * The local HTTP API: the same route table as the CDK HTTP API, each request turned
 * into the API Gateway v2 event the same handler gets on AWS, and the handler's result
 * written back as API Gateway would. A failing handler answers 500 with no detail.
 */
export const createApiServer = (options: ApiServerOptions): Server => {
  const match = createRouteMatcher(options.routes);
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    if (path.startsWith('/_local/')) {
      const answer = await options.control(method, path);
      sendJson(response, answer?.status ?? 404, answer?.body ?? { message: 'Not Found' });
      return;
    }
    const found = match(method, path);
    if (found.kind === 'not-found') {
      sendJson(response, 404, { message: 'Not Found' });
      return;
    }
    if (found.kind === 'method-not-allowed') {
      sendJson(
        response,
        405,
        { message: 'Method Not Allowed' },
        { allow: found.allowed.join(', ') }
      );
      return;
    }
    const { route, pathParameters } = found.match;
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        sendJson(response, 413, { message: 'Request Entity Too Large' });
        return;
      }
      throw error;
    }
    const event = toApiGatewayEvent(
      {
        method,
        url,
        rawHeaders: request.rawHeaders,
        body,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        host: request.headers.host ?? 'localhost',
      },
      route,
      pathParameters
    );
    if (route.auth === 'admin') {
      const decided = await authorizeLocally(event, options);
      if (decided.kind === 'refused') {
        sendJson(response, decided.status, {
          message: decided.status === 401 ? 'Unauthorized' : 'Forbidden',
        });
        return;
      }
      event.requestContext.authorizer = decided.authorizer;
    }
    const result: unknown = await options.functions.invoke(route.functionId, event);
    writeResult(response, method, result);
  };
  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(
        `[api] ${request.method ?? ''} ${request.url?.split('?')[0] ?? ''} failed:`,
        error instanceof Error ? error.name : error
      );
      if (!response.headersSent) sendJson(response, 500, { message: 'Internal Server Error' });
      else response.end();
    });
  });
};

/**
 * What API Gateway does before an `admin` route's function: the local token is the local
 * administrator; anything else goes to the authorizer function with the request's headers
 * and cookies (a REQUEST authorizer's event, payload 2.0): a throw `Unauthorized` is 401,
 * `isAuthorized: false` 403, and its context is passed on under `authorizer.lambda`.
 */
const authorizeLocally = async (
  event: ReturnType<typeof toApiGatewayEvent>,
  options: ApiServerOptions
): Promise<
  { kind: 'allowed'; authorizer: LambdaAuthorizerContext } | { kind: 'refused'; status: 401 | 403 }
> => {
  const token = /^Bearer (.+)$/i.exec(event.headers.authorization ?? '')?.[1];
  if (token !== undefined && sameSecret(token, options.adminToken))
    return { kind: 'allowed', authorizer: { lambda: LOCAL_ADMIN } };
  // A REQUEST authorizer gets the request without its body.
  const request: Record<string, unknown> = { ...event };
  delete request.body;
  delete request.isBase64Encoded;
  let answer: unknown;
  try {
    answer = await options.functions.invoke(options.authorizerId ?? 'AuthorizeRequest', {
      ...request,
      type: 'REQUEST',
      routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${event.routeKey.replace(' ', '')}`,
      identitySource: [],
    });
  } catch (error) {
    if (isUnauthorized(error)) return { kind: 'refused', status: 401 };
    throw error;
  }
  const parsed = authorizerResult.safeParse(answer);
  // API Gateway answers 500 for an authorizer's malformed answer.
  if (!parsed.success) throw new Error('the authorizer answered in an unknown shape');
  if (!parsed.data.isAuthorized) return { kind: 'refused', status: 403 };
  return { kind: 'allowed', authorizer: { lambda: parsed.data.context ?? {} } };
};

/** Writes a handler's result the way API Gateway interprets payload format 2.0 results. */
const writeResult = (response: ServerResponse, method: string, result: unknown) => {
  const structured = structuredResult.safeParse(result);
  if (!structured.success) {
    // Anything else is a 200 with the value as JSON, as API Gateway infers it.
    sendJson(response, 200, result ?? null);
    return;
  }
  const {
    statusCode,
    headers = {},
    cookies = [],
    body = '',
    isBase64Encoded = false,
  } = structured.data;
  const outgoing: Record<string, string | string[]> = Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)])
  );
  if (cookies.length > 0) outgoing['set-cookie'] = cookies;
  response.writeHead(statusCode, outgoing);
  response.end(
    method === 'HEAD' ? undefined : Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8')
  );
};
