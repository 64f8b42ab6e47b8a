/**
 * DELETE /v1/business-units/{id}/aliases/{source}/{value} (admin, quality manager), the
 * value URL-encoded: the alias is removed (404 when the unit does not hold it). What it
 * attributed stays with the unit.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AccessGrant } from '#shared/access/access-grant.ts';
import { publicBusinessUnit } from '#shared/data/business-unit.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { aliasPathSchema, aliasSchema } from './business-units-api.schema.ts';
import { registryChangeFromEnv } from './registry-change.ts';
import { registryDepsFromEnv } from './registry-deps.ts';
import { removeAlias } from './unit-alias.service.ts';

const deps = registryDepsFromEnv();
const change = registryChangeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2, grant: AccessGrant) => {
  const params = parseOr400(aliasPathSchema, event.pathParameters ?? {});
  if (!params.ok) return params.response;
  const { id, source, value } = params.data;
  const alias = parseOr400(aliasSchema, { source, value });
  if (!alias.ok) return alias.response;
  return change(event, grant, id, async (by) =>
    jsonResponse(200, publicBusinessUnit(await removeAlias(deps, id, alias.data, by)))
  );
};

export const handler = adminHandler(lambdaHandler);
