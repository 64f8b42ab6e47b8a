import httpJsonBodyParser from '@middy/http-json-body-parser';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { z } from 'zod';
import { accessGuard, grantOf } from '../access/access-guard.ts';
import type { AccessGrant } from '../access/access-grant.ts';
import { routeAccessFromEnv } from '../access/route-access-env.ts';
import { describeIssues } from '../kernel/zod-issues.ts';
import { httpHandler } from './http-handler.ts';
import { jsonResponse } from './json-response.ts';

/** An admin route's handler: the request, and what the access guard let it see. */
export type AdminLambdaHandler = (
  event: APIGatewayProxyEventV2,
  grant: AccessGrant,
  context: Context
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Admin routes: the common HTTP stack behind the access guard (docs/access.md), which
 * reads this function's route rules at cold start (ROUTE_ACCESS); routes with a body take
 * JSON (another content type answers 415), parsed only once the guard let the request in.
 */
export const adminHandler = (handler: AdminLambdaHandler, options: { jsonBody?: boolean } = {}) => {
  const stack = httpHandler((event, context) => handler(event, grantOf(event), context)).use(
    accessGuard(routeAccessFromEnv())
  );
  return options.jsonBody ? stack.use(httpJsonBodyParser()) : stack;
};

/** Parses with a schema, or gives the 400 answer listing what is wrong. */
export const parseOr400 = <S extends z.ZodType>(
  schema: S,
  value: unknown
): { ok: true; data: z.infer<S> } | { ok: false; response: ReturnType<typeof jsonResponse> } => {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : {
        ok: false,
        response: jsonResponse(400, {
          message: 'invalid request',
          errors: describeIssues(parsed.error),
        }),
      };
};
