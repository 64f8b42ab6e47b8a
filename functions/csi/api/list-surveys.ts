/**
 * GET /v1/surveys?ticketId=…[&source=…][&businessUnit=…][&limit=1–100][&cursor=…] (admin):
 * a ticket's surveys, newest resolution first, a page at a time; `nextCursor` (absent on
 * the last page) asks for the next one. Surveys of units the principal may not see, or not
 * of the unit asked for, are left out (docs/access.md); they carry no comment, so the read
 * is not audited. An unknown parameter or a bad cursor is a 400.
 */
import { UNASSIGNED } from '#shared/kernel/business-unit-alias.ts';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AccessGrant } from '#shared/access/access-grant.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { publicSurvey } from '#shared/data/survey.ts';
import { encodeCursor } from '#shared/http/cursor.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { surveysCursorSchema, surveysQuerySchema } from './csi-api.schema.ts';

const { ticketSurveyPages } = storeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2, grant: AccessGrant) => {
  const query = parseOr400(surveysQuerySchema, event.queryStringParameters ?? {});
  if (!query.ok) return query.response;
  const { ticketId, source, businessUnit, limit, cursor } = query.data;
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
  const shown = page.surveys.filter((survey) => {
    const unit = survey.businessUnit ?? UNASSIGNED;
    return (
      (businessUnit === undefined || unit === businessUnit) &&
      (grant.units === 'all' || grant.units.includes(unit))
    );
  });
  const nextCursor = encodeCursor(page.next);
  return jsonResponse(200, {
    surveys: shown.map(publicSurvey),
    ...(nextCursor === undefined ? {} : { nextCursor }),
  });
};

export const handler = adminHandler(lambdaHandler);
