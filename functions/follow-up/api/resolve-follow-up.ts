/**
 * POST /v1/follow-ups/{id}/resolve (admin). Body: { rootCause, correctiveAction,
 * notifyRequester?, messageToRequester? }. Resolves the case as the case page does; a case
 * out of scope answers 404, and the audit record is written in the resolution's transaction.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AccessGrant } from '#shared/access/access-grant.ts';
import { auditTrail } from '#shared/access/audit-trail.ts';
import { parsedBody } from '#shared/http/request.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { caseResolutionDepsFromEnv } from '../case-resolution-deps.ts';
import { resolutionSchema } from '../follow-up.schema.ts';
import { resolveFollowUp } from '../resolve-follow-up.service.ts';
import { publicFollowUp } from '#shared/data/follow-up.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { caseErrorResponse } from './case-error-response.ts';
import { seesCase } from './admin-case-scope.ts';
import { followUpIdSchema } from './follow-up-api.schema.ts';

const deps = caseResolutionDepsFromEnv();
const audit = auditTrail({ ...deps, settings: settingsFromEnv() });

export const lambdaHandler = async (event: APIGatewayProxyEventV2, grant: AccessGrant) => {
  const params = parseOr400(followUpIdSchema, event.pathParameters ?? {});
  if (!params.ok) return params.response;
  const body = parseOr400(resolutionSchema, parsedBody(event));
  if (!body.ok) return body.response;
  const found = await deps.followUps.find(params.data.id);
  if (!found || !seesCase(grant, found)) return jsonResponse(404, { message: 'Not Found' });
  const record = await audit.recordItem(event, grant, { itemId: found.followUpId });
  try {
    const resolution = { ...body.data, resolvedBy: grant.principal.sub };
    const followUp = await resolveFollowUp(deps, params.data.id, resolution, [record]);
    return jsonResponse(200, publicFollowUp(followUp));
  } catch (error) {
    return caseErrorResponse(error);
  }
};

export const handler = adminHandler(lambdaHandler, { jsonBody: true });
