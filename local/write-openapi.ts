/**
 * `npm run openapi`: writes the admin API's OpenAPI document (local/openapi-document.ts)
 * to functions/platform/openapi/openapi.json, the copy GET /openapi.json serves. The
 * contract test fails while the copy is not current. Written as Prettier formats it, so
 * a regenerated copy passes `npm run lint` as it is.
 */
import { writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { fromRoot } from '#lib/config/paths.ts';
import { openApiDocument } from './openapi-document.ts';

export const OPENAPI_FILE = 'functions/platform/openapi/openapi.json';

const file = fromRoot(OPENAPI_FILE);
const options = { ...(await resolveConfig(file)), filepath: file };
await writeFile(file, await format(JSON.stringify(openApiDocument()), options));
console.log(`wrote ${OPENAPI_FILE}`);
