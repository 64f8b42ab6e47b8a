import { ArnFormat, Aws, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IConstruct, Construct } from 'constructs';
import type { CatalogueFunction, WorkflowId } from '../definitions/index.ts';
import { ResourceGroup } from './resource-group.ts';
import type { WorkflowArns } from './workflow-arns.ts';

export interface ScheduledStartsProps {
  readonly stage: string;
  readonly definitions: readonly CatalogueFunction[];
  readonly workflows: WorkflowArns;
}

/**
 * Late starts of workflows by EventBridge Scheduler (functions that declare `scheduler`):
 * the group their one-time schedules live in, and the role the scheduler assumes to start
 * an execution, allowed states:StartExecution on the declared workflows only and trusted
 * only for schedules of this account.
 */
export class ScheduledStarts extends ResourceGroup {
  readonly group: ScheduleGroup;
  readonly role: Role;
  readonly groupName: string;

  constructor(scope: Construct, id: string, props: ScheduledStartsProps) {
    super(scope, id);
    this.groupName = `otklik-${props.stage}`;
    this.group = new ScheduleGroup(this, 'ScheduleGroup', {
      scheduleGroupName: this.groupName,
    });
    this.role = new Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to start the workflows intake schedules',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    });
    const started = new Set<WorkflowId>(
      props.definitions.flatMap((definition) => definition.scheduler?.start ?? [])
    );
    if (started.size > 0)
      this.role.addToPolicy(
        new PolicyStatement({
          actions: ['states:StartExecution'],
          resources: [...started].map((workflowId) => props.workflows.stateMachine(workflowId)),
        })
      );
  }

  /** Every schedule of the group: `schedule/<group>/*` (schedules are named at run time). */
  schedulesArn(): string {
    return Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.groupName}/*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      region: Aws.REGION,
      account: Aws.ACCOUNT_ID,
    });
  }

  /**
   * What a declaring function needs: create and delete the group's schedules, and pass the
   * scheduler role (to that service only) as their target's role.
   */
  grantScheduleStarts(grantee: IGrantable & IConstruct): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        resources: [this.schedulesArn()],
      })
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      })
    );
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${this.groupName}/*]`,
      reason:
        'One-time schedules are named at run time (one per survey): the grant covers the schedules of this one group.',
    });
  }
}
