import { ArnFormat, Aws, type Stack } from 'aws-cdk-lib';
import type { WorkflowId } from '../definitions/index.ts';
import { kebabCase } from '../definitions/names.ts';

/**
 * The names and ARNs of the workflows, built from the stage rather than taken from the
 * state machine constructs, so functions and workflows may refer to each other (a task
 * that answers its own workflow) without a dependency cycle.
 */
export class WorkflowArns {
  constructor(
    private readonly stack: Stack,
    private readonly stage: string
  ) {}

  /** The state machine's physical name: `otklik-<stage>-<kebab-id>`. */
  name(id: WorkflowId): string {
    return `otklik-${this.stage}-${kebabCase(id)}`;
  }

  stateMachine(id: WorkflowId): string {
    return this.stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: this.name(id),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  /** Every execution of the workflow: `execution:<name>:*` (DescribeExecution). */
  executions(id: WorkflowId): string {
    return this.stack.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${this.name(id)}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      // Pseudo parameters, not the stack's env: the ARN (and cdk-nag's finding id) reads
      // the same whether the synth knows the region or not.
      region: Aws.REGION,
      account: Aws.ACCOUNT_ID,
    });
  }
}
