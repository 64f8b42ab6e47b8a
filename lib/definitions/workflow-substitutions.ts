import type { ResourceRefs } from './resource-refs.ts';
import type { WorkflowDefinition } from './workflow-definition.ts';

/**
 * The `${Placeholder}` values for a workflow's ASL file.
 * @param workflow the workflow
 * @param refs the target's resource names and ARNs
 */
export const workflowSubstitutions = <FunctionId extends string, WorkflowId extends string>(
  workflow: WorkflowDefinition<string, FunctionId, WorkflowId>,
  refs: ResourceRefs<FunctionId, WorkflowId>
): Record<string, string> => {
  const substitutions: Record<string, string> = {};
  if (workflow.table) substitutions.TableName = refs.tableName;
  if (workflow.email) {
    substitutions.SenderAddress = refs.senderAddress;
    substitutions.ConfigurationSetName = refs.configurationSetName;
  }
  for (const fn of workflow.functions) substitutions[`${fn}FunctionArn`] = refs.functionArn(fn);
  for (const wf of workflow.startsWorkflows ?? []) {
    substitutions[`${wf}StateMachineArn`] = refs.stateMachineArn(wf);
  }
  return substitutions;
};
