/** GET /v1/follow-ups/{id} (admin). */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { publicFollowUp } from '#shared/data/follow-up.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { followUpIdSchema } from './follow-up-api.schema.ts';

const { followUps } = storeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const params = parseOr400(followUpIdSchema, event.pathParameters ?? {});
  if (!params.ok) return params.response;
  const followUp = await followUps.find(params.data.id);
  return followUp
    ? jsonResponse(200, publicFollowUp(followUp))
    : jsonResponse(404, { message: 'Not Found' });
};

export const handler = adminHandler(lambdaHandler);
