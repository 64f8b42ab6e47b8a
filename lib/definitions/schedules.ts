import type { FunctionId } from './functions.ts';
import type { WorkflowId } from './workflows.ts';

/**
 * EventBridge schedules. The CDK stack creates a rule per entry; the local runtime fires
 * the same targets on the same expressions, and `npm run trigger -- <id>` fires one now.
 */
export type ScheduleTarget =
  | { readonly kind: 'function'; readonly functionId: FunctionId }
  | {
      readonly kind: 'workflow';
      readonly workflowId: WorkflowId;
      readonly input: Readonly<Record<string, unknown>>;
    };

export interface ScheduleDefinition {
  /** kebab-case id, as typed after `npm run trigger --`. */
  readonly id: string;
  /** EventBridge syntax: `rate(1 hour)` or `cron(min hour day-of-month month day-of-week year)`, UTC. */
  readonly expression: string;
  readonly description: string;
  readonly target: ScheduleTarget;
}

export const scheduleDefinitions: readonly ScheduleDefinition[] = [
  {
    id: 'self-check',
    expression: 'rate(15 minutes)',
    description: 'Checks the table, the mail service and the workflows; a metric per failure',
    target: { kind: 'function', functionId: 'SelfCheck' },
  },
  {
    id: 'csi-reconcile',
    expression: 'rate(10 minutes)',
    description: 'Restarts the workflow of every pending survey or case that has none running',
    target: { kind: 'function', functionId: 'ReconcileWorkflows' },
  },
];
