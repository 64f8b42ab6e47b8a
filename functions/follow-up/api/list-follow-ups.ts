/**
 * GET /v1/follow-ups?status=open|overdue|resolved[&businessUnit=…][&limit=1–100][&cursor=…]
 * (admin): cases by status, earliest due first, a page at a time; `nextCursor` (absent on
 * the last page) asks for the next one. One unit's list is read from its own work list;
 * what the principal may not see is left out (docs/access.md), so a page of a case owner or
 * of a viewer of several units may hold fewer than `limit`. An unknown parameter or a bad
 * cursor is a 400.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AccessGrant } from '#shared/access/access-grant.ts';
import { auditTrail } from '#shared/access/audit-trail.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { encodeCursor } from '#shared/http/cursor.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { caseView, seesCase } from './admin-case-scope.ts';
import { followUpsCursorSchema, followUpsQuerySchema } from './follow-up-api.schema.ts';

const store = storeFromEnv();
const settings = settingsFromEnv();
const audit = auditTrail({ audit: store.audit, settings, now: store.now });

/** The one unit whose own work list answers: the one asked for, or a viewer's only unit. */
const listedUnit = (asked: string | undefined, grant: AccessGrant) =>
  asked ?? (grant.units !== 'all' && grant.units.length === 1 ? grant.units[0] : undefined);

export const lambdaHandler = async (event: APIGatewayProxyEventV2, grant: AccessGrant) => {
  const query = parseOr400(followUpsQuerySchema, event.queryStringParameters ?? {});
  if (!query.ok) return query.response;
  const { status, limit, cursor } = query.data;
  const unit = listedUnit(query.data.businessUnit, grant);
  const start = parseOr400(
    followUpsCursorSchema(status, unit),
    cursor === undefined ? {} : { cursor }
  );
  if (!start.ok) return start.response;
  const page = await store.followUps.pageByStatus(status, {
    limit,
    start: start.data.cursor,
    unit,
  });
  const seen = page.followUps.filter((followUp) => seesCase(grant, followUp));
  // Cases (and their comments) are read: audited before they are answered.
  if (seen.length > 0) await audit.record(event, grant, { itemCount: seen.length });
  const current = await settings.current();
  const nextCursor = encodeCursor(page.next);
  return jsonResponse(200, {
    followUps: seen.map((followUp) => caseView(followUp, grant, current)),
    ...(nextCursor === undefined ? {} : { nextCursor }),
  });
};

export const handler = adminHandler(lambdaHandler);
