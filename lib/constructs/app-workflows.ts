import { CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { fromRoot } from '../config/paths.ts';
import type { CatalogueWorkflow, FunctionId, WorkflowId } from '../definitions/index.ts';
import type { ResourceRefs } from '../definitions/resource-refs.ts';
import { workflowSubstitutions } from '../definitions/workflow-substitutions.ts';
import type { AppFunctions } from './app-functions.ts';
import { grantSendEmail, grantTableData } from './grants.ts';
import { CatalogueGroup } from './catalogue-group.ts';
import type { WorkflowArns } from './workflow-arns.ts';
import type { StatefulAccess } from './stateful-access.ts';

export interface AppWorkflowsProps extends StatefulAccess {
  readonly definitions: readonly CatalogueWorkflow[];
  /** The values of the ASL placeholders. */
  readonly refs: ResourceRefs<FunctionId, WorkflowId>;
  readonly functions: AppFunctions;
  readonly arns: WorkflowArns;
  /** Execution data holds emails and comments: false keeps it out of the logs (prod). */
  readonly includeExecutionData: boolean;
}

/**
 * One Standard state machine per workflow, `<Id>StateMachine`, from its ASL file with the
 * definition's substitutions, logged and traced, allowed exactly what the definition
 * declares (its functions, its direct integrations), with its ARN as a stack output.
 */
export class AppWorkflows extends CatalogueGroup<WorkflowId, StateMachine> {
  protected readonly kind = 'workflow';

  constructor(scope: Construct, id: string, props: AppWorkflowsProps) {
    super(scope, id);
    for (const workflow of props.definitions) {
      const name = props.arns.name(workflow.id);
      const logGroup = new LogGroup(this, `${workflow.id}Logs`, {
        logGroupName: `/aws/vendedlogs/states/${name}`,
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const machine = new StateMachine(this, `${workflow.id}StateMachine`, {
        stateMachineName: name,
        stateMachineType: StateMachineType.STANDARD,
        definitionBody: DefinitionBody.fromFile(fromRoot(workflow.file)),
        definitionSubstitutions: workflowSubstitutions(workflow, props.refs),
        tracingEnabled: true,
        logs: {
          destination: logGroup,
          level: LogLevel.ALL,
          includeExecutionData: props.includeExecutionData,
        },
      });
      this.register(workflow.id, machine);
      grantAccess(machine, workflow, props);
      new CfnOutput(this, `${workflow.id}StateMachineArn`, { value: machine.stateMachineArn });
    }
  }
}

const grantAccess = (
  machine: StateMachine,
  workflow: CatalogueWorkflow,
  props: AppWorkflowsProps
) => {
  const acknowledge = (finding: string, reason: string) => {
    Validations.of(machine).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  };
  acknowledge('Resource::*', 'Log delivery and X-Ray actions support no resource-level scoping.');
  for (const fnId of workflow.functions) {
    props.functions.get(fnId).grantInvoke(machine);
    acknowledge(
      `Resource::<${props.functions.logicalIdOf(fnId)}.Arn>:*`,
      'grantInvoke covers the versions and aliases (<Arn>:*) of the one function the workflow invokes.'
    );
  }
  if (workflow.table) {
    grantTableData(
      machine,
      workflow.table,
      props.table,
      "Direct DynamoDB integrations may query the table's own indexes."
    );
  }
  if (workflow.email) grantSendEmail(machine, props.mail);
  const started = workflow.startsWorkflows ?? [];
  if (started.length > 0) {
    machine.addToRolePolicy(
      new PolicyStatement({
        actions: ['states:StartExecution'],
        resources: started.map((id) => props.arns.stateMachine(id)),
      })
    );
  }
};
