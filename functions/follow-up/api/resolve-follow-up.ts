/**
 * POST /v1/follow-ups/{id}/resolve (admin). Body: { rootCause, correctiveAction,
 * notifyRequester?, messageToRequester? }. Resolves the case as the case page does.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { adminIdentityOf } from '#shared/http/admin-identity.ts';
import { parsedBody } from '#shared/http/request.ts';
import { caseResolutionDepsFromEnv } from '../case-resolution-deps.ts';
import { resolutionSchema } from '../follow-up.schema.ts';
import { resolveFollowUp } from '../resolve-follow-up.service.ts';
import { publicFollowUp } from '#shared/data/follow-up.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { caseErrorResponse } from './case-error-response.ts';
import { followUpIdSchema } from './follow-up-api.schema.ts';

const deps = caseResolutionDepsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const params = parseOr400(followUpIdSchema, event.pathParameters ?? {});
  if (!params.ok) return params.response;
  const body = parseOr400(resolutionSchema, parsedBody(event));
  if (!body.ok) return body.response;
  const resolvedBy = adminIdentityOf(event);
  if (!resolvedBy) return jsonResponse(401, { message: 'Unauthorized' });
  try {
    const followUp = await resolveFollowUp(deps, params.data.id, { ...body.data, resolvedBy });
    return jsonResponse(200, publicFollowUp(followUp));
  } catch (error) {
    return caseErrorResponse(error);
  }
};

export const handler = adminHandler(lambdaHandler, { jsonBody: true });
