/**
 * PATCH /v1/business-units/{id} (admin). Body: any of { names, keyCustomers, qualityOwner,
 * active }, each replacing the unit's; aliases have their own routes (an `aliases` field is
 * refused as unknown). 404 for an unknown unit, 409 when it changed meanwhile.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AccessGrant } from '#shared/access/access-grant.ts';
import { publicBusinessUnit } from '#shared/data/business-unit.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { parsedBody } from '#shared/http/request.ts';
import { updateUnit } from './business-unit-admin.service.ts';
import { unitPathSchema, updateUnitSchema } from './business-units-api.schema.ts';
import { registryChangeFromEnv } from './registry-change.ts';
import { registryDepsFromEnv } from './registry-deps.ts';

const deps = registryDepsFromEnv();
const change = registryChangeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2, grant: AccessGrant) => {
  const params = parseOr400(unitPathSchema, event.pathParameters ?? {});
  if (!params.ok) return params.response;
  const body = parseOr400(updateUnitSchema, parsedBody(event));
  if (!body.ok) return body.response;
  return change(event, grant, params.data.id, async (by) =>
    jsonResponse(200, publicBusinessUnit(await updateUnit(deps, params.data.id, body.data, by)))
  );
};

export const handler = adminHandler(lambdaHandler, { jsonBody: true });
