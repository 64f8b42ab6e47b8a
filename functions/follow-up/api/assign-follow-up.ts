/**
 * POST /v1/follow-ups/{id}/assign (admin). Body: { owner: { email, name } }. The new owner
 * gets the case link; earlier owner links are revoked. A case out of scope answers 404; the
 * change is audited before it is made (it is no single transaction: docs/access.md).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AccessGrant } from '#shared/access/access-grant.ts';
import { auditTrail } from '#shared/access/audit-trail.ts';
import { caseMailDepsFromEnv } from '../case-mail-deps.ts';
import { assignmentSchema } from '../follow-up.schema.ts';
import { publicFollowUp } from '#shared/data/follow-up.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { parsedBody } from '#shared/http/request.ts';
import { assignFollowUp } from './assign-follow-up.service.ts';
import { caseErrorResponse } from './case-error-response.ts';
import { seesCase } from './admin-case-scope.ts';
import { followUpIdSchema } from './follow-up-api.schema.ts';

const deps = caseMailDepsFromEnv();
const audit = auditTrail({ ...storeFromEnv(), settings: settingsFromEnv() });

export const lambdaHandler = async (event: APIGatewayProxyEventV2, grant: AccessGrant) => {
  const params = parseOr400(followUpIdSchema, event.pathParameters ?? {});
  if (!params.ok) return params.response;
  const body = parseOr400(assignmentSchema, parsedBody(event));
  if (!body.ok) return body.response;
  const current = await deps();
  const found = await current.followUps.find(params.data.id);
  if (!found || !seesCase(grant, found)) return jsonResponse(404, { message: 'Not Found' });
  await audit.record(event, grant, { itemId: found.followUpId });
  try {
    const by = grant.principal.sub;
    const followUp = await assignFollowUp(current, params.data.id, body.data.owner, by);
    return jsonResponse(200, publicFollowUp(followUp));
  } catch (error) {
    return caseErrorResponse(error);
  }
};

export const handler = adminHandler(lambdaHandler, { jsonBody: true });
