/**
 * POST /v1/follow-ups/{id}/resolve (admin). Body: { rootCause, correctiveAction,
 * notifyRequester?, messageToRequester? }. Resolves the case as the case page does.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { caseResolutionDepsFromEnv } from '../case-resolution-deps.ts';
import { resolutionSchema } from '../follow-up.schema.ts';
import { resolveFollowUp } from '../resolve-follow-up.service.ts';
import { publicFollowUp } from '#shared/data/follow-up.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { adminHandler, bodyOf, parseOr400 } from '#shared/http/admin-handler.ts';
import { caseErrorResponse } from './case-error-response.ts';
import { followUpIdSchema } from './follow-up-api.schema.ts';

const deps = caseResolutionDepsFromEnv();

/** The admin's identity from the JWT authorizer's claims (locally: local-admin). */
const adminOf = (event: APIGatewayProxyEventV2): string => {
  const context: unknown = event.requestContext;
  if (typeof context === 'object' && context !== null && 'authorizer' in context) {
    const authorizer: unknown = context.authorizer;
    if (typeof authorizer === 'object' && authorizer !== null && 'jwt' in authorizer) {
      const jwt: unknown = authorizer.jwt;
      if (typeof jwt === 'object' && jwt !== null && 'claims' in jwt) {
        const claims: unknown = jwt.claims;
        if (
          typeof claims === 'object' &&
          claims !== null &&
          'sub' in claims &&
          typeof claims.sub === 'string'
        )
          return claims.sub;
      }
    }
  }
  return 'admin';
};

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const params = parseOr400(followUpIdSchema, event.pathParameters ?? {});
  if (!params.ok) return params.response;
  const body = parseOr400(resolutionSchema, bodyOf(event));
  if (!body.ok) return body.response;
  try {
    const followUp = await resolveFollowUp(deps, params.data.id, {
      ...body.data,
      resolvedBy: adminOf(event),
    });
    return jsonResponse(200, publicFollowUp(followUp));
  } catch (error) {
    return caseErrorResponse(error);
  }
};

export const handler = adminHandler(lambdaHandler, { jsonBody: true });
