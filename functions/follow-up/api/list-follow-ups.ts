/** GET /v1/follow-ups?status=open|overdue|resolved (admin): all units' cases by status, earliest due first. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { publicFollowUp } from '#shared/data/follow-up.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { followUpsQuerySchema } from './follow-up-api.schema.ts';

const { followUps } = storeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const query = parseOr400(followUpsQuerySchema, event.queryStringParameters ?? {});
  if (!query.ok) return query.response;
  const found = await followUps.listByStatus(query.data.status, { limit: query.data.limit });
  return jsonResponse(200, { followUps: found.map(publicFollowUp) });
};

export const handler = adminHandler(lambdaHandler);
