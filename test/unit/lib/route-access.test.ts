import { describe, expect, it } from 'vitest';
import { routeAccess } from '#lib/definitions/access.ts';
import {
  functionEnvironment,
  routeAccessOf,
  routeKeyOf,
} from '#lib/definitions/function-environment.ts';
import { functionDefinitions, routeDefinitions } from '#lib/definitions/index.ts';
import type { RouteDefinition } from '#lib/definitions/route-definition.ts';
import { fakeRefs } from '../../helpers/fake-refs.ts';

const adminRoutes = routeDefinitions.filter((route) => route.auth === 'admin');

describe('Definitions: the route-access table beside the route table', () => {
  it('has a rule for every admin route', () => {
    const missing = adminRoutes.map(routeKeyOf).filter((key) => routeAccess[key] === undefined);

    expect(missing).toEqual([]);
  });

  it('has a route for every rule, an admin one', () => {
    const adminKeys = new Set(adminRoutes.map(routeKeyOf));
    const orphans = Object.keys(routeAccess).filter((key) => !adminKeys.has(key));

    expect(orphans).toEqual([]);
  });

  it('refuses to build the environment of a function with an admin route but no rule', () => {
    const routes: RouteDefinition[] = [
      { method: 'GET', path: '/v1/new', functionId: 'ListNew', auth: 'admin' },
    ];

    expect(() => routeAccessOf('ListNew', routes, {})).toThrow(
      'admin route GET /v1/new has no access rule'
    );
  });
});

describe('Definitions: ROUTE_ACCESS, each function its own routes only', () => {
  it.each(functionDefinitions.map((definition) => [definition.id, definition] as const))(
    '%s',
    (id, definition) => {
      const env = functionEnvironment(definition, fakeRefs);
      const own = adminRoutes.filter((route) => route.functionId === id).map(routeKeyOf);

      if (own.length === 0) {
        expect(env).not.toHaveProperty('ROUTE_ACCESS');
        return;
      }
      const rules: unknown = JSON.parse(env.ROUTE_ACCESS ?? '{}');
      expect(rules).toEqual(Object.fromEntries(own.map((key) => [key, routeAccess[key]])));
    }
  );
});
