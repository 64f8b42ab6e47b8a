/**
 * GET /v1/business-units[?limit=1–100][&cursor=…] (admin, quality manager): the registered
 * units by id, a page at a time; `nextCursor` (absent on the last page) asks for the next.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { publicBusinessUnit } from '#shared/data/business-unit.ts';
import { encodeCursor } from '#shared/http/cursor.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { unitsQuerySchema } from './business-units-api.schema.ts';
import { registryDepsFromEnv } from './registry-deps.ts';

const { businessUnits } = registryDepsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const query = parseOr400(unitsQuerySchema, event.queryStringParameters ?? {});
  if (!query.ok) return query.response;
  const page = await businessUnits.page({ limit: query.data.limit, start: query.data.cursor });
  const nextCursor = encodeCursor(page.next);
  return jsonResponse(200, {
    businessUnits: page.units.map(publicBusinessUnit),
    ...(nextCursor === undefined ? {} : { nextCursor }),
  });
};

export const handler = adminHandler(lambdaHandler);
