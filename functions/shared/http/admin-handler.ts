import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { z } from 'zod';
import { describeIssues } from '../kernel/zod-issues.ts';
import { httpHandler, type HttpLambdaHandler } from './http-handler.ts';
import { jsonResponse } from './json-response.ts';

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
