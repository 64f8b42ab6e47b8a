/**
 * The former home of the route table, kept as a re-export for the test suites that still
 * import this path (test/integration). New code imports ./index.ts and
 * ./route-definition.ts.
 */
export type { HttpMethod, RouteDefinition } from './route-definition.ts';
export { routeDefinitions } from './index.ts';
