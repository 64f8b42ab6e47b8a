import { describe, expect, it } from 'vitest';
import type { RouteDefinition } from '#lib/definitions/route-definition.ts';
import { createRouteMatcher } from '#local/http/route-matcher.ts';

const routes = [
  { method: 'GET', path: '/v1/items/{id}', functionId: 'GetHealth', auth: 'admin' },
  { method: 'GET', path: '/v1/items/special', functionId: 'GetHealth', auth: 'admin' },
  { method: 'POST', path: '/v1/items/{id}', functionId: 'GetHealth', auth: 'admin' },
  { method: 'GET', path: '/static/{proxy+}', functionId: 'GetHealth', auth: 'public' },
] satisfies RouteDefinition[];

describe('Local HTTP: route matcher', () => {
  const match = createRouteMatcher(routes);

  it('prefers a literal segment over a parameter', () => {
    expect(match('GET', '/v1/items/special')).toMatchObject({
      kind: 'matched',
      match: { route: { path: '/v1/items/special' }, pathParameters: {} },
    });
    expect(match('GET', '/v1/items/42')).toMatchObject({
      kind: 'matched',
      match: { pathParameters: { id: '42' } },
    });
  });

  it('decodes parameters and matches greedy tails', () => {
    expect(match('GET', '/v1/items/a%20b')).toMatchObject({
      match: { pathParameters: { id: 'a b' } },
    });
    expect(match('GET', '/static/css/site.css')).toMatchObject({
      match: { pathParameters: { proxy: 'css/site.css' } },
    });
  });

  it('answers not-found, and never throws, for a malformed percent-escape', () => {
    expect(match('GET', '/v1/items/%ZZ')).toEqual({ kind: 'not-found' });
    expect(match('GET', '/static/css/%E0%A4%A')).toEqual({ kind: 'not-found' });
  });

  it('tells 405 with the allowed methods from 404', () => {
    expect(match('DELETE', '/v1/items/42')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['GET', 'POST'],
    });
    expect(match('GET', '/v1/nothing')).toEqual({ kind: 'not-found' });
    expect(match('GET', '/v1/items/42/extra')).toEqual({ kind: 'not-found' });
  });
});
