/**
 * POST /v1/business-units (admin). Body: { unitId, names: { ru, en }, keyCustomers?,
 * qualityOwner?, active?, aliases? }. 201 with the unit; 400 naming each bad field; 409 for
 * a taken id or an alias another unit holds (naming it). Nothing is written on any error.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AccessGrant } from '#shared/access/access-grant.ts';
import { publicBusinessUnit } from '#shared/data/business-unit.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { parsedBody } from '#shared/http/request.ts';
import { createUnit } from './business-unit-admin.service.ts';
import { createUnitSchema } from './business-units-api.schema.ts';
import { registryChangeFromEnv } from './registry-change.ts';
import { registryDepsFromEnv } from './registry-deps.ts';

const deps = registryDepsFromEnv();
const change = registryChangeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2, grant: AccessGrant) => {
  const body = parseOr400(createUnitSchema, parsedBody(event));
  if (!body.ok) return body.response;
  return change(event, grant, body.data.unitId, async (by) =>
    jsonResponse(201, publicBusinessUnit(await createUnit(deps, body.data, by)))
  );
};

export const handler = adminHandler(lambdaHandler, { jsonBody: true });
