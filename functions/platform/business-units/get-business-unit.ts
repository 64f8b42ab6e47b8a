/** GET /v1/business-units/{id} (admin, quality manager; a unit viewer their own unit only). */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AccessGrant } from '#shared/access/access-grant.ts';
import { publicBusinessUnit } from '#shared/data/business-unit.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { unitPathSchema } from './business-units-api.schema.ts';
import { registryDepsFromEnv } from './registry-deps.ts';

const { businessUnits } = registryDepsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2, grant: AccessGrant) => {
  const params = parseOr400(unitPathSchema, event.pathParameters ?? {});
  if (!params.ok) return params.response;
  // Out of scope answers as missing: a unit viewer learns nothing of another unit.
  if (!grant.sees({ unit: params.data.id })) return jsonResponse(404, { message: 'Not Found' });
  const unit = await businessUnits.find(params.data.id);
  return unit
    ? jsonResponse(200, publicBusinessUnit(unit))
    : jsonResponse(404, { message: 'Not Found' });
};

export const handler = adminHandler(lambdaHandler);
