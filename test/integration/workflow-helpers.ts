import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  type DescribeExecutionCommandOutput,
  type ExecutionListItem,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { PATIENCE_MS, pollUntil } from '../helpers/poll.ts';
import { runtime, sfn } from './clients.ts';

/**
 * Waits on the workflows of the local runtime through its Step Functions API: the
 * observable events that tell a test when something can no longer happen (a mail, a
 * write), so that it can assert the negative without sleeping.
 */

/** The ARN of the execution `name` of a state machine (AWS's naming). */
export const executionArnOf = (stateMachineArn: string, name: string) =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

/** A survey's workflow is the CsiSurvey execution named by its survey id. */
export const surveyExecutionArn = (surveyId: string) =>
  executionArnOf(runtime.csiStateMachineArn, surveyId);

/** Whether the execution exists (was ever started). */
export const executionExists = async (executionArn: string): Promise<boolean> => {
  try {
    await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ExecutionDoesNotExist') return false;
    throw error;
  }
};

/** Waits until the execution has ended (any status but RUNNING), and describes it. */
export const waitForExecutionEnd = (executionArn: string, timeoutMs = PATIENCE_MS) =>
  pollUntil<DescribeExecutionCommandOutput>(
    async () => {
      const out = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return out.status === 'RUNNING' ? undefined : out;
    },
    { timeoutMs, what: `end of ${executionArn}` }
  );

const historyOf = async (executionArn: string): Promise<HistoryEvent[]> => {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken })
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
};

/** Waits until the execution has entered the state `stateName`, and gives its history. */
export const waitForStateEntered = (
  executionArn: string,
  stateName: string,
  timeoutMs = PATIENCE_MS
) =>
  pollUntil(
    async () => {
      const events = await historyOf(executionArn);
      return events.some((e) => e.stateEnteredEventDetails?.name === stateName)
        ? events
        : undefined;
    },
    { timeoutMs, intervalMs: 100, what: `${executionArn} to enter ${stateName}` }
  );

/** The states of a definition that wait for a task token (our ASL has no Parallel or Map). */
const callbackStatesOf = (definition: string | undefined): Set<string> => {
  const { States = {} } = JSON.parse(definition ?? '{}') as {
    States?: Record<string, { Resource?: unknown }>;
  };
  return new Set(
    Object.entries(States)
      .filter(([, s]) => typeof s.Resource === 'string' && s.Resource.endsWith('.waitForTaskToken'))
      .map(([name]) => name)
  );
};

const runningExecutions = async (stateMachineArn: string): Promise<ExecutionListItem[]> => {
  const executions: ExecutionListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn,
        statusFilter: 'RUNNING',
        maxResults: 1000,
        nextToken,
      })
    );
    executions.push(...(page.executions ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return executions;
};

/**
 * Waits until every workflow of the runtime is idle: ended, or parked at a callback state
 * (a survey waiting for its rating, a case waiting for its resolution). No Lambda task,
 * Wait or Choice is then in flight, so nothing is about to be mailed or written until a
 * person acts or a long timer fires.
 */
export const waitForIdleWorkflows = async (timeoutMs = PATIENCE_MS) => {
  const machines = (await sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? [];
  const callbackStates = await Promise.all(
    machines.map(async ({ stateMachineArn }) => {
      const { definition } = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
      return { stateMachineArn, callbacks: callbackStatesOf(definition) };
    })
  );
  let busy = 'none seen yet';
  await pollUntil(
    async () => {
      for (const { stateMachineArn, callbacks } of callbackStates) {
        for (const execution of await runningExecutions(stateMachineArn ?? '')) {
          const { events } = await sfn.send(
            new GetExecutionHistoryCommand({
              executionArn: execution.executionArn,
              reverseOrder: true,
              maxResults: 1,
            })
          );
          const last = events?.[0];
          const at = last?.stateEnteredEventDetails?.name;
          if (last?.type !== 'TaskStateEntered' || at === undefined || !callbacks.has(at)) {
            busy = `${execution.executionArn ?? '?'} (last event ${last?.type ?? 'none'})`;
            return undefined;
          }
        }
      }
      return true;
    },
    { timeoutMs, intervalMs: 100, what: () => `every workflow to be idle; busy: ${busy}` }
  );
};
