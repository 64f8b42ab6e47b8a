import { Rule, RuleTargetInput, Schedule, type IRuleTarget } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import type { Construct } from 'constructs';
import type { CatalogueSchedule } from '../definitions/index.ts';
import { pascalCase } from '../definitions/names.ts';
import type { AppFunctions } from './app-functions.ts';
import type { AppWorkflows } from './app-workflows.ts';
import { ResourceGroup } from './resource-group.ts';

export interface AppSchedulesProps {
  readonly definitions: readonly CatalogueSchedule[];
  readonly functions: AppFunctions;
  readonly workflows: AppWorkflows;
}

/** One EventBridge rule per schedule, `<PascalId>Schedule`, on a function or a workflow. */
export class AppSchedules extends ResourceGroup {
  constructor(scope: Construct, id: string, props: AppSchedulesProps) {
    super(scope, id);
    for (const schedule of props.definitions) {
      new Rule(this, `${pascalCase(schedule.id)}Schedule`, {
        description: schedule.description,
        schedule: Schedule.expression(schedule.expression),
        targets: [targetOf(schedule, props)],
      });
    }
  }
}

const targetOf = (schedule: CatalogueSchedule, props: AppSchedulesProps): IRuleTarget => {
  const target = schedule.target;
  if (target.kind === 'function') return new LambdaFunction(props.functions.get(target.functionId));
  return new SfnStateMachine(props.workflows.get(target.workflowId), {
    input: RuleTargetInput.fromObject(target.input),
  });
};
