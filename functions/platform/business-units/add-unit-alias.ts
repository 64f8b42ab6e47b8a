/**
 * POST /v1/business-units/{id}/aliases (admin, quality manager). Body: { source, value }.
 * Adds the alias and re-attributes what was recorded as unassigned under it; 200 with the
 * unit and `reattributed` ({ values, surveys, aggregates, complete }: `complete: false`
 * asks for the same call again, which moves the rest and nothing twice). 409 naming the
 * unit that holds the alias.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AccessGrant } from '#shared/access/access-grant.ts';
import { publicBusinessUnit } from '#shared/data/business-unit.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { parsedBody } from '#shared/http/request.ts';
import { aliasSchema, unitPathSchema } from './business-units-api.schema.ts';
import { registryChangeFromEnv } from './registry-change.ts';
import { registryDepsFromEnv } from './registry-deps.ts';
import { addAlias } from './unit-alias.service.ts';

const deps = registryDepsFromEnv();
const change = registryChangeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2, grant: AccessGrant) => {
  const params = parseOr400(unitPathSchema, event.pathParameters ?? {});
  if (!params.ok) return params.response;
  const body = parseOr400(aliasSchema, parsedBody(event));
  if (!body.ok) return body.response;
  return change(event, grant, params.data.id, async (by) => {
    const { unit, reattributed } = await addAlias(deps, params.data.id, body.data, by);
    return jsonResponse(200, { ...publicBusinessUnit(unit), reattributed });
  });
};

export const handler = adminHandler(lambdaHandler, { jsonBody: true });
