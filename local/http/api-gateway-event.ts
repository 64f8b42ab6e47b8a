import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * What a Lambda authorizer with simple responses adds to the request context (payload 2.0):
 * its `context`, under `lambda` (functions/shared/access/principal.ts reads it).
 */
export interface LambdaAuthorizerContext {
  readonly lambda: Readonly<Record<string, unknown>>;
}
import type { RouteDefinition } from '#lib/definitions/route-definition.ts';

export interface IncomingRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/r/abc?score=3`. */
  readonly url: string;
  /** Raw header pairs, as Node's rawHeaders gives them. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly host: string;
}

const TEXT_TYPES =
  /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript|[a-z.+-]*\+json|[a-z.+-]*\+xml))/i;

/**
 * Builds the API Gateway HTTP API (payload format 2.0) event for a request, as AWS does:
 * lower-case header names with repeated values joined by commas, cookies moved out of the
 * headers into `cookies`, repeated query parameters joined by commas, and a body that is
 * base64-encoded unless its content type is text.
 */
export const toApiGatewayEvent = (
  request: IncomingRequest,
  route: RouteDefinition,
  pathParameters: Record<string, string>,
  authorizer?: LambdaAuthorizerContext
): APIGatewayProxyEventV2 & { requestContext: { authorizer?: LambdaAuthorizerContext } } => {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = (request.rawHeaders[i] ?? '').toLowerCase();
    const value = request.rawHeaders[i + 1] ?? '';
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean)
      );
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const queryStart = request.url.indexOf('?');
  const rawPath = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? '' : request.url.slice(queryStart + 1);
  const queryStringParameters: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    queryStringParameters[key] =
      queryStringParameters[key] === undefined ? value : `${queryStringParameters[key]},${value}`;
  }
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  const hasBody = request.body.length > 0;
  const event: APIGatewayProxyEventV2 & {
    requestContext: { authorizer?: LambdaAuthorizerContext };
  } = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: request.host,
      domainPrefix: request.host.split('.')[0] ?? request.host,
      http: {
        method: request.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(authorizer ? { authorizer } : {}),
    },
    isBase64Encoded: hasBody && !isText,
  };
  if (cookies.length > 0) event.cookies = cookies;
  if (Object.keys(queryStringParameters).length > 0)
    event.queryStringParameters = queryStringParameters;
  if (Object.keys(pathParameters).length > 0) event.pathParameters = pathParameters;
  if (hasBody)
    event.body = isText ? request.body.toString('utf8') : request.body.toString('base64');
  return event;
};
