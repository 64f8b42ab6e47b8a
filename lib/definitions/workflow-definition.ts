/**
 * One Step Functions state machine. Its ASL file is data with `${Placeholder}` slots; the
 * CDK stack and the local runtime fill them through `workflowSubstitutions`, so every
 * placeholder has exactly one source of values.
 *
 * The type parameters are the id unions of the catalogue (lib/definitions/index.ts).
 */
export interface WorkflowDefinition<
  Id extends string = string,
  FunctionId extends string = string,
  WorkflowId extends string = string,
> {
  /** PascalCase id: construct id, `${<Id>StateMachineArn}`, `<ID>_STATE_MACHINE_ARN`. */
  readonly id: Id;
  /** ASL file, relative to the repository root. */
  readonly file: string;
  readonly description: string;
  /** Functions its Task states invoke. */
  readonly functions: readonly FunctionId[];
  /** Direct DynamoDB integrations on the main table. */
  readonly table?: 'read' | 'readwrite';
  /** Direct SES v2 integration (aws-sdk:sesv2:sendEmail). */
  readonly email?: boolean;
  /** Other workflows it starts (states:startExecution). */
  readonly startsWorkflows?: readonly WorkflowId[];
}
