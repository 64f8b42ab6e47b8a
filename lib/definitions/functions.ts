/**
 * The former home of the function catalogue, kept as a re-export for the test suites
 * that still import this path (test/integration, test/workflows). New code imports
 * ./index.ts and ./function-definition.ts.
 */
export type { FunctionDefinition } from './function-definition.ts';
export { functionDefinitions, type FunctionId } from './index.ts';
