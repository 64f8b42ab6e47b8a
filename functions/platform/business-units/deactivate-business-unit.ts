/**
 * POST /v1/business-units/{id}/deactivate (admin), no body: the unit is inactive (kept, with
 * its aliases and history; tickets still resolve to it). PATCH `active: true` brings it back.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AccessGrant } from '#shared/access/access-grant.ts';
import { publicBusinessUnit } from '#shared/data/business-unit.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { updateUnit } from './business-unit-admin.service.ts';
import { unitPathSchema } from './business-units-api.schema.ts';
import { registryChangeFromEnv } from './registry-change.ts';
import { registryDepsFromEnv } from './registry-deps.ts';

const deps = registryDepsFromEnv();
const change = registryChangeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2, grant: AccessGrant) => {
  const params = parseOr400(unitPathSchema, event.pathParameters ?? {});
  if (!params.ok) return params.response;
  return change(event, grant, params.data.id, async (by) =>
    jsonResponse(
      200,
      publicBusinessUnit(await updateUnit(deps, params.data.id, { active: false }, by))
    )
  );
};

export const handler = adminHandler(lambdaHandler);
