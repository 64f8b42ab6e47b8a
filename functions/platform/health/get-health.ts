/**
 * GET /health (public). Input: none. Side effects: none; read-only calls to DynamoDB,
 * SES, Step Functions and Secrets Manager (each source's credentials entry, never its value). Answers 200 when every component answers, else 503, with the
 * per-component report either way.
 */
import { jsonResponse } from '#shared/http/json-response.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { checkHealth } from './check-health.service.ts';
import { healthDepsFromEnv } from './health-deps.ts';

const deps = healthDepsFromEnv();

export const lambdaHandler = async () => {
  const report = await checkHealth(deps);
  return jsonResponse(report.healthy ? 200 : 503, {
    status: report.healthy ? 'ok' : 'degraded',
    components: report.components,
  });
};

export const handler = httpHandler(lambdaHandler);
