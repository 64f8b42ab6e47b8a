import type { WorkflowPort } from '#shared/workflow/workflow-port.ts';

export type Restart = 'running' | 'started';

/**
 * Gives `name` a running execution unless it has one. An execution of that name that never
 * ran (or was forgotten: the local runtime's restart) is started under the name itself;
 * one that ended is resumed under `resumeName`, which is the same for every pass that finds
 * the item in the same state, so two passes (or a pass repeated) start it once. Only when
 * that resume ran and ended too does a time-stamped name follow.
 */
export const restartUnlessRunning = async (
  workflow: Pick<WorkflowPort, 'executionState' | 'startNamed'>,
  stateMachineArn: string,
  names: { readonly name: string; readonly resumeName: string; readonly at: Date },
  input: object
): Promise<Restart> => {
  const state = await workflow.executionState(stateMachineArn, names.name);
  if (state === 'running') return 'running';
  // A start that finds the name taken lost a race with another pass: counted all the same.
  if (state === 'missing') {
    await workflow.startNamed(stateMachineArn, names.name, input);
    return 'started';
  }
  if (await workflow.startNamed(stateMachineArn, names.resumeName, input)) return 'started';
  if ((await workflow.executionState(stateMachineArn, names.resumeName)) === 'running')
    return 'running';
  await workflow.startNamed(
    stateMachineArn,
    `${names.resumeName}-${names.at.getTime()}`.slice(0, 80),
    input
  );
  return 'started';
};
