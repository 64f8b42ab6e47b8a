/**
 * GET /v1/metrics/csi?from=YYYY-MM-DD&to=YYYY-MM-DD[&businessUnit=…][&service=…] (admin).
 * Reads aggregates only, and the rating policy; a unit viewer's figures count their own
 * units only (another unit asked for is a 403 of the access guard: docs/access.md).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AccessGrant } from '#shared/access/access-grant.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { adminHandler, parseOr400 } from '#shared/http/admin-handler.ts';
import { csiMetricsQuerySchema } from './reporting.schema.ts';
import { csiMetrics } from './csi-metrics.service.ts';

const store = storeFromEnv();
const settings = settingsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2, grant: AccessGrant) => {
  const query = parseOr400(csiMetricsQuerySchema, event.queryStringParameters ?? {});
  if (!query.ok) return query.response;
  // The rating policy in force now decides what the CSI figure includes (docs/rating.md).
  const { rating } = await settings.current();
  const scoped = { ...query.data, units: grant.units };
  return jsonResponse(200, await csiMetrics(store, scoped, rating.policy));
};

export const handler = adminHandler(lambdaHandler);
