import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { describeIssues } from '#functions/webhooks/canonical-event.schema.ts';
import { httpHandler, type HttpLambdaHandler } from '#shared/http/http-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { FollowUpAlreadyResolvedError } from '#functions/follow-up/case-flow.service.ts';
import { FollowUpNotFoundError } from '#shared/data/store.ts';

/** Admin routes: the common HTTP stack; routes with a body take JSON (another content type answers 415). */
export const adminHandler = (handler: HttpLambdaHandler, options: { jsonBody?: boolean } = {}) =>
  options.jsonBody ? httpHandler(handler).use(httpJsonBodyParser()) : httpHandler(handler);

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

export const bodyOf = (event: APIGatewayProxyEventV2): unknown => {
  const body: unknown = event.body;
  return body ?? {};
};

/** The admin answer for a case that is missing (404) or resolved already (409); else rethrows. */
export const caseErrorResponse = (error: unknown) => {
  if (error instanceof FollowUpNotFoundError) return jsonResponse(404, { message: 'Not Found' });
  if (error instanceof FollowUpAlreadyResolvedError)
    return jsonResponse(409, { message: 'the case is resolved' });
  throw error;
};
