import type { FunctionDefinition } from './function-definition.ts';
import type { RouteDefinition } from './route-definition.ts';
import type { ScheduleDefinition } from './schedule-definition.ts';
import type { WorkflowDefinition } from './workflow-definition.ts';
import { csi } from './csi.ts';
import { deliverability } from './deliverability.ts';
import { followUp } from './follow-up.ts';
import { intake } from './intake.ts';
import { platform } from './platform.ts';
import { reporting } from './reporting.ts';

/**
 * The catalogue: every context's definitions joined, in the order the loop runs. The CDK
 * stack and the local runtime build from these four lists and nothing else.
 */
const functions = [
  ...intake.functions,
  ...csi.functions,
  ...deliverability.functions,
  ...followUp.functions,
  ...reporting.functions,
  ...platform.functions,
] as const;
const workflows = [
  ...intake.workflows,
  ...csi.workflows,
  ...deliverability.workflows,
  ...followUp.workflows,
  ...reporting.workflows,
  ...platform.workflows,
] as const;

/** The id of a function some context defines. */
export type FunctionId = (typeof functions)[number]['id'];
/** The id of a workflow some context defines. */
export type WorkflowId = (typeof workflows)[number]['id'];

export type CatalogueFunction = FunctionDefinition<FunctionId, WorkflowId>;
export type CatalogueWorkflow = WorkflowDefinition<WorkflowId, FunctionId, WorkflowId>;
export type CatalogueRoute = RouteDefinition<FunctionId>;
export type CatalogueSchedule = ScheduleDefinition<FunctionId, WorkflowId>;

// The annotations are the check: each reference (a function's workflows, a workflow's
// functions, a route's function, a schedule's target) must name a defined id, so a typo
// in any context file fails `tsc` here, the message naming the misspelled id.
export const functionDefinitions: readonly CatalogueFunction[] = functions;
export const workflowDefinitions: readonly CatalogueWorkflow[] = workflows;
export const routeDefinitions: readonly CatalogueRoute[] = [
  ...intake.routes,
  ...csi.routes,
  ...deliverability.routes,
  ...followUp.routes,
  ...reporting.routes,
  ...platform.routes,
];
export const scheduleDefinitions: readonly CatalogueSchedule[] = [
  ...intake.schedules,
  ...csi.schedules,
  ...deliverability.schedules,
  ...followUp.schedules,
  ...reporting.schedules,
  ...platform.schedules,
];
