import { Stack, CfnElement } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { CatalogueFunction, FunctionId } from '../definitions/index.ts';
import { AppFunction } from './app-function.ts';
import {
  grantSecretRead,
  grantSendEmail,
  grantTableData,
  grantWorkflowUse,
  type NamedSecret,
} from './grants.ts';
import { CatalogueGroup } from './catalogue-group.ts';
import type { AppSettings } from './app-settings.ts';
import type { ScheduledStarts } from './scheduled-starts.ts';
import type { WorkflowArns } from './workflow-arns.ts';
import type { StatefulAccess } from './stateful-access.ts';

export interface AppFunctionsProps extends StatefulAccess {
  readonly definitions: readonly CatalogueFunction[];
  /** A function's environment variables (lib/definitions/function-environment.ts). */
  readonly environmentOf: (definition: CatalogueFunction) => Record<string, string>;
  readonly webhookSecret: NamedSecret;
  readonly sourceCredentials: NamedSecret;
  readonly workflows: WorkflowArns;
  /** The scheduler's group and role, for functions that declare `scheduler`. */
  readonly scheduledStarts: ScheduledStarts;
  /** The AppConfig settings, read by functions that declare `settings`. */
  readonly settings: AppSettings;
}

/**
 * One AppFunction per definition, `<Id>Function`, holding exactly the access its
 * definition declares: the table, the settings, the secrets, mail, its uses of workflows
 * and of the scheduler.
 */
export class AppFunctions extends CatalogueGroup<FunctionId, AppFunction> {
  protected readonly kind = 'function';

  constructor(scope: Construct, id: string, props: AppFunctionsProps) {
    super(scope, id);
    for (const definition of props.definitions) {
      const fn = new AppFunction(this, `${definition.id}Function`, {
        entry: definition.entry,
        description: definition.description,
        environment: props.environmentOf(definition),
        logRetention: props.logRetention,
        timeoutSeconds: definition.timeoutSeconds,
        memoryMb: definition.memoryMb,
      });
      this.register(definition.id, fn);
      grantAccess(fn, definition, props);
    }
  }

  /** The logical id cdk-nag prints for the function's ARN in a finding. */
  logicalIdOf(id: FunctionId): string {
    const resource = this.get(id).node.defaultChild;
    if (!(resource instanceof CfnElement))
      throw new Error('function without a CloudFormation resource');
    return Stack.of(this).getLogicalId(resource);
  }
}

const grantAccess = (fn: AppFunction, definition: CatalogueFunction, props: AppFunctionsProps) => {
  if (definition.table) {
    grantTableData(
      fn,
      definition.table,
      props.table,
      // DescribeTable is part of grantReadData; index ARNs end in /index/*.
      "Queries run on the table's own global secondary indexes, named only at run time by the access pattern."
    );
  }
  if (definition.settings) props.settings.grantRead(fn);
  if (definition.webhookSecret) grantSecretRead(fn, props.webhookSecret);
  if (definition.sourceCredentials) grantSecretRead(fn, props.sourceCredentials);
  if (definition.email) grantSendEmail(fn, props.mail);
  // The sending status (the health check's mail component); no resource-level scoping.
  if (definition.mailStatus)
    fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }));
  if (definition.workflows) grantWorkflowUse(fn, definition.workflows, props.workflows);
  if (definition.scheduler) props.scheduledStarts.grantScheduleStarts(fn);
};
