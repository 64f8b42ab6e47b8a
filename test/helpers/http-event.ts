import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, vi } from 'vitest';
import { routeAccess } from '#lib/definitions/access.ts';
import type { TokenRecord } from '#shared/data/token.ts';
import { hashToken } from '#shared/kernel/tokens.ts';
import { tokenKey } from '#shared/data/keys.ts';

/** Shared builders for the HTTP handler tests (not a test file itself). */
export const CSI_ARN = 'arn:aws:states:eu-central-1:123456789012:stateMachine:csi-survey';
export const FOLLOW_UP_ARN = 'arn:aws:states:eu-central-1:123456789012:stateMachine:follow-up-case';
export const SECRET_ID = 'otklik/test/webhook-secret';

/**
 * The variables every handler module reads at import. Call in `beforeAll`, before the
 * `await import(...)` of the handler.
 */
export const stubHandlerEnv = (): void => {
  vi.stubEnv('STAGE', 'test');
  vi.stubEnv('TABLE_NAME', 'otklik-test');
  vi.stubEnv('SENDER_ADDRESS', 'feedback@example.com');
  vi.stubEnv('CONFIGURATION_SET_NAME', 'otklik-test');
  vi.stubEnv('PUBLIC_BASE_URL', 'https://feedback.example.com');
  vi.stubEnv('WEBHOOK_SECRET_ID', SECRET_ID);
  vi.stubEnv('CSI_SURVEY_STATE_MACHINE_ARN', CSI_ARN);
  vi.stubEnv('FOLLOW_UP_CASE_STATE_MACHINE_ARN', FOLLOW_UP_ARN);
  vi.stubEnv('SCHEDULER_ROLE_ARN', 'arn:aws:iam::123456789012:role/otklik-test-scheduler');
  vi.stubEnv('SCHEDULE_GROUP_NAME', 'otklik-test');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  // Every admin route's rule: a unit test imports one handler at a time, each of its routes.
  vi.stubEnv('ROUTE_ACCESS', JSON.stringify(routeAccess));
  // The default settings (Russian as the fallback language, a five-point threshold).
  stubSettings({});
};

/**
 * The handler's settings, as the local runtime gives them: a settings file it reads at
 * each invocation (functions/shared/settings/file-settings-source.ts). Returns the file,
 * for a test that edits it.
 */
export const stubSettings = (settings: unknown): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'otklik-settings-')), 'settings.json');
  writeFileSync(file, JSON.stringify(settings));
  vi.stubEnv('SETTINGS_SOURCE', `file:${file}`);
  return file;
};

/**
 * Any exported handler: the page handlers' events carry the body parsers' types, so the
 * event is typed `never` here and `invoke` passes an API Gateway event.
 */
export type Handler = (event: never, context: Context) => Promise<unknown>;

export interface HttpResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export const context = { functionName: 'x', awsRequestId: 'r' } as unknown as Context;

export interface EventInput {
  readonly method: string;
  readonly routeKey: string;
  readonly rawPath: string;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly requestContext?: Record<string, unknown>;
}

/** An API Gateway HTTP API (payload 2.0) event, as the integration sends it. */
export const httpEvent = (input: EventInput): APIGatewayProxyEventV2 => {
  const rawQueryString = new URLSearchParams(input.query ?? {}).toString();
  return {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: input.rawPath,
    rawQueryString,
    headers: { host: 'feedback.example.com', ...input.headers },
    ...(input.query ? { queryStringParameters: { ...input.query } } : {}),
    ...(input.pathParameters ? { pathParameters: { ...input.pathParameters } } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'feedback.example.com',
      domainPrefix: 'feedback',
      requestId: 'request-1',
      routeKey: input.routeKey,
      stage: '$default',
      time: '10/Mar/2025:12:00:00 +0000',
      timeEpoch: 1741608000000,
      http: {
        method: input.method,
        path: input.rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.1',
        userAgent: input.headers?.['user-agent'] ?? '',
      },
      ...input.requestContext,
    },
    ...(input.body === undefined ? {} : { body: input.body }),
    isBase64Encoded: input.isBase64Encoded ?? false,
  };
};

/**
 * The `handler` of a handler module, imported once before the file's tests, after the
 * variables it reads at import are stubbed (`env`; those of `stubHandlerEnv` by default).
 * `const showPage = handlerOf(() => import('#functions/…/show-page.ts'))` at the top of a file.
 */
export const handlerOf = (
  load: () => Promise<{ readonly handler: unknown }>,
  env: () => void = stubHandlerEnv
): Handler => {
  let loaded: Handler | undefined;
  beforeAll(async () => {
    env();
    loaded = (await load()).handler as Handler;
  });
  return (event, lambdaContext) => {
    if (!loaded) throw new Error('the handler is imported in beforeAll, before the tests');
    return loaded(event, lambdaContext);
  };
};

/** Calls a handler and narrows its answer to a structured result. */
export const invoke = async (
  handler: Handler,
  event: APIGatewayProxyEventV2
): Promise<HttpResult> => {
  const result = (await handler(event as never, context)) as APIGatewayProxyStructuredResultV2;
  return {
    statusCode: result.statusCode ?? 0,
    headers: Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([name, value]) => [
        name.toLowerCase(),
        String(value),
      ])
    ),
    body: result.body ?? '',
  };
};

/** A link token as stored: the hash of `token` as key, with what it opens. */
export const tokenItem = (token: string, record: TokenRecord) => ({
  ...tokenKey(hashToken(token)),
  ...record,
  expiresAt: 1_800_000_000,
});

/** No frame of a JavaScript stack (`at fn (file.ts:1:2)`) and no `Error:` line. */
export const STACK_TRACE = /\bat\s+\S.*:\d+:\d+|\w*Error:\s/;
