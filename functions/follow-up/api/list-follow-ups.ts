/**
 * GET /v1/follow-ups?status=open|overdue|resolved[&limit=1–100][&cursor=…] (admin): all
 * units' cases by status, earliest due first, a page at a time; `nextCursor` (absent on
 * the last page) asks for the next one. An unknown parameter or a bad cursor is a 400.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { publicFollowUp } from '#shared/data/follow-up.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { encodeCursor } from '#shared/http/cursor.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { followUpsCursorSchema, followUpsQuerySchema } from './follow-up-api.schema.ts';

const { followUps } = storeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const query = parseOr400(followUpsQuerySchema, event.queryStringParameters ?? {});
  if (!query.ok) return query.response;
  const { status, limit, cursor } = query.data;
  const start = parseOr400(followUpsCursorSchema(status), cursor === undefined ? {} : { cursor });
  if (!start.ok) return start.response;
  const page = await followUps.pageByStatus(status, { limit, start: start.data.cursor });
  const nextCursor = encodeCursor(page.next);
  return jsonResponse(200, {
    followUps: page.followUps.map(publicFollowUp),
    ...(nextCursor === undefined ? {} : { nextCursor }),
  });
};

export const handler = adminHandler(lambdaHandler);
