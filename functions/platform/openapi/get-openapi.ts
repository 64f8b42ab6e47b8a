/**
 * GET /openapi.json (public). Input: none. The admin API's OpenAPI 3.1 document, as
 * generated from the zod schemas (`npm run openapi`, local/openapi-document.ts). Public:
 * it holds no data and nothing that is not in the repository, and tools (a client
 * generator, an API gateway's import, Swagger UI) fetch it without an admin token; the
 * routes it describes still take one.
 */
import { httpHandler } from '#shared/http/http-handler.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import document from './openapi.json' with { type: 'json' };

export const lambdaHandler = () =>
  Promise.resolve(jsonResponse(200, document, { 'cache-control': 'public, max-age=300' }));

export const handler = httpHandler(lambdaHandler);
