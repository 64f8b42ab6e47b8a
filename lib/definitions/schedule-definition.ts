/**
 * One EventBridge schedule. The CDK stack creates a rule per entry; the local runtime fires
 * the same targets on the same expressions, and `npm run trigger -- <id>` fires one now.
 */
export type ScheduleTarget<FunctionId extends string = string, WorkflowId extends string = string> =
  | { readonly kind: 'function'; readonly functionId: FunctionId }
  | {
      readonly kind: 'workflow';
      readonly workflowId: WorkflowId;
      readonly input: Readonly<Record<string, unknown>>;
    };

export interface ScheduleDefinition<
  FunctionId extends string = string,
  WorkflowId extends string = string,
> {
  /** kebab-case id, as typed after `npm run trigger --`. */
  readonly id: string;
  /** EventBridge syntax: `rate(1 hour)` or `cron(min hour day-of-month month day-of-week year)`, UTC. */
  readonly expression: string;
  readonly description: string;
  readonly target: ScheduleTarget<FunctionId, WorkflowId>;
}
