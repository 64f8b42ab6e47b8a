import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromRoot } from '#lib/config/paths.ts';
import { routeDefinitions } from '#lib/definitions/index.ts';
import { openApiDocument } from '#local/openapi-document.ts';
import { handlerOf, httpEvent, invoke } from '#test/helpers/http-event.ts';

/*
 * The admin API's OpenAPI document (local/openapi-document.ts): current in its checked-in
 * copy (the one GET /openapi.json serves), well formed as OpenAPI 3.1, and covering every
 * admin route of the route table, no more.
 */
const document = openApiDocument();
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Operation {
  readonly parameters?: readonly { in: string; name: string; required?: boolean }[];
  readonly responses?: Record<string, unknown>;
}
const operations = (): [string, string, Operation][] =>
  Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation: unknown = (item as Record<string, unknown>)[method];
      return operation ? [[path, method, operation] as [string, string, Operation]] : [];
    })
  );

/** Every `$ref` in the document, by walking it. */
const refsIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) =>
      key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner)
    );
  return [];
};

describe('Contract: the OpenAPI document', () => {
  it('is the checked-in copy (run npm run openapi after changing a schema)', async () => {
    const checkedIn = await readFile(fromRoot('functions/platform/openapi/openapi.json'), 'utf8');

    expect(JSON.parse(checkedIn)).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('covers every admin API route of the route table, and only those', () => {
    // The API is /v1; /console is the pages for people, which no client generator reads.
    const admin = routeDefinitions
      .filter((route) => route.auth === 'admin' && route.path.startsWith('/v1/'))
      .map((route) => `${route.method.toLowerCase()} ${route.path}`)
      .sort();

    expect(
      operations()
        .map(([path, method]) => `${method} ${path}`)
        .sort()
    ).toEqual(admin);
  });

  it('is OpenAPI 3.1: a version, an info, responses on every operation, path parameters declared, every $ref resolved', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    for (const [path, method, operation] of operations()) {
      const where = `${method} ${path}`;
      expect(Object.keys(operation.responses ?? {}), where).toContainEqual(
        expect.stringMatching(/^2\d\d$/)
      );
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (operation.parameters ?? [])
        .filter((p) => p.in === 'path' && p.required === true)
        .map((p) => p.name);
      expect(declared.sort(), where).toEqual(templated.sort());
    }
    const schemas = Object.keys(document.components?.schemas ?? {});
    for (const ref of refsIn(document))
      expect(
        schemas.map((name) => `#/components/schemas/${name}`),
        ref
      ).toContain(ref);
  });

  it('says which query parameters each list takes, the cursor among them', () => {
    const parametersOf = (path: string) =>
      operations()
        .find(([p, m]) => p === path && m === 'get')?.[2]
        .parameters?.map((p) => p.name);

    expect(parametersOf('/v1/follow-ups')).toEqual(['status', 'businessUnit', 'limit', 'cursor']);
    expect(parametersOf('/v1/surveys')).toEqual([
      'ticketId',
      'source',
      'businessUnit',
      'limit',
      'cursor',
    ]);
    expect(parametersOf('/v1/audit')).toEqual(['from', 'to', 'actor', 'limit', 'cursor']);
  });

  it('pages every list: an answer with an array takes limit and cursor and gives nextCursor', () => {
    // A list is a GET whose 200 answer holds an array; each must be one page of it.
    const lists = operations().flatMap(([path, method, operation]) => {
      const schema = z
        .object({
          content: z.object({
            'application/json': z.object({
              schema: z.object({ properties: z.record(z.string(), z.looseObject({})) }),
            }),
          }),
        })
        .safeParse(operation.responses?.['200']);
      const properties = schema.success
        ? schema.data.content['application/json'].schema.properties
        : {};
      const isList = Object.values(properties).some((p) => p.type === 'array');
      return method === 'get' && isList ? [{ path, operation, properties }] : [];
    });

    expect(lists.map((list) => list.path).sort()).toEqual([
      '/v1/audit',
      '/v1/business-units',
      '/v1/business-units/unassigned',
      '/v1/follow-ups',
      '/v1/surveys',
    ]);
    for (const { path, operation, properties } of lists) {
      const names = (operation.parameters ?? []).map((p) => `${p.in} ${p.name}`);
      expect(names, path).toEqual(expect.arrayContaining(['query limit', 'query cursor']));
      expect(Object.keys(properties), path).toContain('nextCursor');
    }
  });
});

describe('Handler: get-openapi', () => {
  const handler = handlerOf(() => import('#functions/platform/openapi/get-openapi.ts'));

  it('serves the document at GET /openapi.json', async () => {
    const response = await invoke(
      handler,
      httpEvent({ method: 'GET', routeKey: 'GET /openapi.json', rawPath: '/openapi.json' })
    );

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
