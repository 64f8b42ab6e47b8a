/**
 * GET /v1/audit?from=…&to=…[&actor=…][&limit=1–100][&cursor=…] (admin only): the audit log
 * (docs/access.md), newest first, a page at a time; `nextCursor` (absent on the last page)
 * asks for the next one. An unknown parameter or a bad cursor is a 400.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { encodeCursor } from '#shared/http/cursor.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { auditCursorSchema, auditQuerySchema } from './audit-api.schema.ts';

const { audit } = storeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const query = parseOr400(auditQuerySchema, event.queryStringParameters ?? {});
  if (!query.ok) return query.response;
  const { from, to, actor, limit, cursor } = query.data;
  const start = parseOr400(auditCursorSchema(actor), cursor === undefined ? {} : { cursor });
  if (!start.ok) return start.response;
  const page = await audit.page({ from, to, actor, limit, start: start.data.cursor });
  const nextCursor = encodeCursor(page.next);
  return jsonResponse(200, {
    records: page.records,
    ...(nextCursor === undefined ? {} : { nextCursor }),
  });
};

export const handler = adminHandler(lambdaHandler);
