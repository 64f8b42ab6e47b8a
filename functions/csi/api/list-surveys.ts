/**
 * GET /v1/surveys?ticketId=…[&source=…][&limit=1–100][&cursor=…] (admin): a ticket's
 * surveys, newest resolution first, a page at a time; `nextCursor` (absent on the last
 * page) asks for the next one. An unknown parameter or a bad cursor is a 400.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { publicSurvey } from '#shared/data/survey.ts';
import { encodeCursor } from '#shared/http/cursor.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { surveysCursorSchema, surveysQuerySchema } from './csi-api.schema.ts';

const { ticketSurveyPages } = storeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const query = parseOr400(surveysQuerySchema, event.queryStringParameters ?? {});
  if (!query.ok) return query.response;
  const { ticketId, source, limit, cursor } = query.data;
  const start = parseOr400(
    surveysCursorSchema(ticketId, source),
    cursor === undefined ? {} : { cursor }
  );
  if (!start.ok) return start.response;
  const page = await ticketSurveyPages.page(ticketId, {
    source,
    newestFirst: true,
    limit,
    start: start.data.cursor,
  });
  const nextCursor = encodeCursor(page.next);
  return jsonResponse(200, {
    surveys: page.surveys.map(publicSurvey),
    ...(nextCursor === undefined ? {} : { nextCursor }),
  });
};

export const handler = adminHandler(lambdaHandler);
