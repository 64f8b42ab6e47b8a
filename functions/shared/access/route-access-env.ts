import { z } from 'zod';
import { readEnv } from '../env.ts';
import { ROLES, type RouteAccess } from '../kernel/access-rules.ts';

const routeAccessSchema = z.object({
  roles: z.array(z.enum(ROLES)),
  unit: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('global') }),
    z.object({ kind: z.literal('filter'), query: z.string().min(1) }),
    z.object({ kind: z.literal('item') }),
  ]),
});

const routeAccessEnvSchema = z.object({
  ROUTE_ACCESS: z
    .string()
    .transform((json, context) => {
      try {
        return JSON.parse(json) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), routeAccessSchema)),
});

/**
 * The access rules of this function's own routes (ROUTE_ACCESS, set by
 * lib/definitions/function-environment.ts from lib/definitions/access.ts), read at cold
 * start: a missing or malformed table fails the first invocation, never lets one through.
 */
export const routeAccessFromEnv = (): Readonly<Record<string, RouteAccess>> =>
  readEnv(routeAccessEnvSchema).ROUTE_ACCESS;
