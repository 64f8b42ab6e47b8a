import { Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';
import type { FunctionDefinition } from '../definitions/function-definition.ts';
import type { WorkflowId } from '../definitions/index.ts';
import type { WorkflowArns } from './workflow-arns.ts';

/**
 * The grants a definition can declare, shared by functions and workflows. Each grant that
 * leaves a wildcard cdk-nag flags acknowledges that one finding on the grantee, with why.
 */
type Grantee = IGrantable & IConstruct;

/** The main table, with its name as cdk-nag's findings spell it. */
export interface TableAccess {
  readonly table: ITableV2;
  readonly tableName: string;
}

/** A secret found by name, with that name. */
export interface NamedSecret {
  readonly secret: ISecret;
  readonly name: string;
}

/** What mail is sent as: the sender's domain identity and the configuration set. */
export interface MailIdentity {
  readonly identityArn: string;
  readonly configurationSetArn: string;
}

export const grantTableData = (
  grantee: Grantee,
  access: 'read' | 'readwrite',
  { table, tableName }: TableAccess,
  indexReason: string
): void => {
  if (access === 'readwrite') table.grantReadWriteData(grantee);
  else table.grantReadData(grantee);
  Validations.of(grantee).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/${tableName}/index/*]`,
    reason: indexReason,
  });
};

export const grantSecretRead = (grantee: Grantee, { secret, name }: NamedSecret): void => {
  secret.grantRead(grantee);
  Validations.of(grantee).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${name}-??????]`,
    reason:
      'A secret found by name is granted with the six-character suffix AWS appends to every secret ARN.',
  });
};

/** ses:SendEmail as the sender's identity, through the configuration set only. */
export const grantSendEmail = (grantee: IGrantable, mail: MailIdentity): void => {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [mail.identityArn, mail.configurationSetArn],
    })
  );
};

const WORKFLOW_ACTIONS = {
  start: ['states:StartExecution'],
  read: ['states:DescribeStateMachine'],
  answer: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
  inspect: ['states:DescribeExecution'],
} as const;

/** One statement per declared use (start, read, answer, inspect), on the named workflows. */
export const grantWorkflowUse = (
  grantee: Grantee,
  uses: NonNullable<FunctionDefinition<string, WorkflowId>['workflows']>,
  arns: WorkflowArns
): void => {
  for (const use of ['start', 'read', 'answer', 'inspect'] as const) {
    const ids = uses[use] ?? [];
    if (ids.length === 0) continue;
    const resources = ids.map((id) =>
      use === 'inspect' ? arns.executions(id) : arns.stateMachine(id)
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...WORKFLOW_ACTIONS[use]], resources })
    );
  }
  for (const id of uses.inspect ?? []) {
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${arns.name(id)}:*]`,
      reason:
        'Executions are named at run time (one per survey or case): the grant covers the executions of this one workflow.',
    });
  }
};
