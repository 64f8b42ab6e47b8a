/**
 * The former home of the workflow definitions, kept as a re-export for the test suites
 * that still import this path (test/workflows). New code imports ./index.ts,
 * ./workflow-definition.ts, ./resource-refs.ts and ./workflow-substitutions.ts.
 */
export type { ResourceRefs } from './resource-refs.ts';
export type { WorkflowDefinition } from './workflow-definition.ts';
export { workflowSubstitutions } from './workflow-substitutions.ts';
export { workflowDefinitions, type WorkflowId } from './index.ts';
