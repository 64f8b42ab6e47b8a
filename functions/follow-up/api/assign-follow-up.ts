/** POST /v1/follow-ups/{id}/assign (admin). Body: { owner: { email, name } }. The new owner gets the case link; earlier owner links are revoked. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { caseMailDepsFromEnv } from '../case-mail-deps.ts';
import { assignmentSchema } from '../follow-up.schema.ts';
import { publicFollowUp } from '#shared/data/follow-up.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { adminIdentityOf } from '#shared/http/admin-identity.ts';
import { parsedBody } from '#shared/http/request.ts';
import { assignFollowUp } from './assign-follow-up.service.ts';
import { caseErrorResponse } from './case-error-response.ts';
import { followUpIdSchema } from './follow-up-api.schema.ts';

const deps = caseMailDepsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const params = parseOr400(followUpIdSchema, event.pathParameters ?? {});
  if (!params.ok) return params.response;
  const body = parseOr400(assignmentSchema, parsedBody(event));
  if (!body.ok) return body.response;
  const by = adminIdentityOf(event);
  if (!by) return jsonResponse(401, { message: 'Unauthorized' });
  try {
    const followUp = await assignFollowUp(await deps(), params.data.id, body.data.owner, by);
    return jsonResponse(200, publicFollowUp(followUp));
  } catch (error) {
    return caseErrorResponse(error);
  }
};

export const handler = adminHandler(lambdaHandler, { jsonBody: true });
