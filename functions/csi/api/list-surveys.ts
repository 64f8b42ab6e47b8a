/** GET /v1/surveys?ticketId=…[&source=…] (admin): a ticket's surveys, newest resolution first. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { publicSurvey } from '#shared/data/survey.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { surveysQuerySchema } from './csi-api.schema.ts';

const { surveys } = storeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const query = parseOr400(surveysQuerySchema, event.queryStringParameters ?? {});
  if (!query.ok) return query.response;
  const found = await surveys.listByTicket(query.data.ticketId, {
    ...(query.data.source === undefined ? {} : { source: query.data.source }),
    newestFirst: true,
  });
  return jsonResponse(200, { surveys: found.map(publicSurvey) });
};

export const handler = adminHandler(lambdaHandler);
