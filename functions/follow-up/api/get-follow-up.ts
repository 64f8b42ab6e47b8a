/**
 * GET /v1/follow-ups/{id} (admin): one case, if the principal may see it (docs/access.md);
 * out of scope answers 404 as a missing one does. The read is audited before it is answered.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AccessGrant } from '#shared/access/access-grant.ts';
import { auditTrail } from '#shared/access/audit-trail.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { caseView, seesCase } from './admin-case-scope.ts';
import { followUpIdSchema } from './follow-up-api.schema.ts';

const store = storeFromEnv();
const settings = settingsFromEnv();
const audit = auditTrail({ audit: store.audit, settings, now: store.now });

export const lambdaHandler = async (event: APIGatewayProxyEventV2, grant: AccessGrant) => {
  const params = parseOr400(followUpIdSchema, event.pathParameters ?? {});
  if (!params.ok) return params.response;
  const followUp = await store.followUps.find(params.data.id);
  if (!followUp || !seesCase(grant, followUp)) return jsonResponse(404, { message: 'Not Found' });
  await audit.record(event, grant, { itemId: followUp.followUpId });
  return jsonResponse(200, caseView(followUp, grant, await settings.current()));
};

export const handler = adminHandler(lambdaHandler);
