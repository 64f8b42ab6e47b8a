/**
 * GET /v1/business-units/unassigned[?limit=1–100][&cursor=…] (admin, quality manager): the
 * business-unit values no alias matched, by source and value, a page at a time (a value
 * mapped since is left out): what the quality team maps to a unit.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { encodeCursor } from '#shared/http/cursor.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { unassignedQuerySchema } from './business-units-api.schema.ts';
import { registryDepsFromEnv } from './registry-deps.ts';

const { unassignedValues } = registryDepsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const query = parseOr400(unassignedQuerySchema, event.queryStringParameters ?? {});
  if (!query.ok) return query.response;
  const page = await unassignedValues.page({ limit: query.data.limit, start: query.data.cursor });
  const nextCursor = encodeCursor(page.next);
  return jsonResponse(200, {
    unassigned: page.values
      .filter((recorded) => recorded.count > 0)
      .map((recorded) => ({
        source: recorded.source,
        value: recorded.value,
        raw: recorded.raw,
        count: recorded.count,
        firstSeenAt: recorded.firstSeenAt,
        lastSeenAt: recorded.lastSeenAt,
      })),
    ...(nextCursor === undefined ? {} : { nextCursor }),
  });
};

export const handler = adminHandler(lambdaHandler);
