import type { FunctionDefinition } from './function-definition.ts';
import type { RouteDefinition } from './route-definition.ts';
import type { ScheduleDefinition } from './schedule-definition.ts';
import type { WorkflowDefinition } from './workflow-definition.ts';

/**
 * What one bounded context (functions/<context>/) contributes to the catalogue. Ids are
 * plain strings here: a context may name another's functions or workflows, and only the
 * joined catalogue (index.ts) knows every id, so that is where references are checked.
 */
export interface ContextDefinitions {
  readonly functions: readonly FunctionDefinition[];
  readonly routes: readonly RouteDefinition[];
  readonly workflows: readonly WorkflowDefinition[];
  readonly schedules: readonly ScheduleDefinition[];
}
