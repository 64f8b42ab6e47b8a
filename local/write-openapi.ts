/**
 * `npm run openapi`: writes the admin API's OpenAPI document (local/openapi-document.ts)
 * to functions/platform/openapi/openapi.json, the copy GET /openapi.json serves. The
 * contract test fails while the copy is not current.
 */
import { writeFile } from 'node:fs/promises';
import { fromRoot } from '#lib/config/paths.ts';
import { openApiDocument } from './openapi-document.ts';

export const OPENAPI_FILE = 'functions/platform/openapi/openapi.json';

await writeFile(fromRoot(OPENAPI_FILE), `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`wrote ${OPENAPI_FILE}`);
