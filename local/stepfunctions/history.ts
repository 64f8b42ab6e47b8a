/**
 * The interpreter's event log entries (aws-local-stepfunctions does not export the type;
 * this is the part of its shape we read).
 */
export interface EventLog {
  readonly type: string;
  readonly timestamp: number;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly state?: {
    readonly name: string;
    readonly type: string;
    readonly input: unknown;
    readonly output?: unknown;
  };
  readonly Error?: string;
  readonly Cause?: unknown;
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value ?? null);

/** One GetExecutionHistory event, in the shape the Step Functions API returns. */
export interface HistoryDetails {
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

export type HistoryEvent = HistoryDetails & { id: number; previousEventId: number };

/**
 * Maps the interpreter's event log to AWS history events. AWS writes more task-level
 * events (TaskScheduled, TaskSubmitted…) than the interpreter reports; the state- and
 * execution-level ones below carry the same names and details as on AWS.
 */
export const toHistoryDetails = (event: EventLog): HistoryDetails | undefined => {
  const timestamp = event.timestamp;
  const state = event.state;
  switch (event.type) {
    case 'ExecutionStarted':
      return {
        timestamp,
        type: 'ExecutionStarted',
        executionStartedEventDetails: { input: text(event.input) },
      };
    case 'ExecutionSucceeded':
      return {
        timestamp,
        type: 'ExecutionSucceeded',
        executionSucceededEventDetails: { output: text(event.output) },
      };
    case 'ExecutionFailed':
      return {
        timestamp,
        type: 'ExecutionFailed',
        executionFailedEventDetails: { error: event.Error ?? '', cause: text(event.Cause) },
      };
    case 'ExecutionAborted':
      return { timestamp, type: 'ExecutionAborted', executionAbortedEventDetails: {} };
    case 'ExecutionTimeout':
      return { timestamp, type: 'ExecutionTimedOut', executionTimedOutEventDetails: {} };
    case 'StateEntered':
      if (!state) return undefined;
      return {
        timestamp,
        type: `${state.type}StateEntered`,
        stateEnteredEventDetails: { name: state.name, input: text(state.input) },
      };
    case 'StateExited':
      if (!state) return undefined;
      return {
        timestamp,
        type: `${state.type}StateExited`,
        stateExitedEventDetails: { name: state.name, output: text(state.output) },
      };
    case 'StateFailed':
      if (!state) return undefined;
      return {
        timestamp,
        type: state.type === 'Task' ? 'TaskFailed' : `${state.type}StateFailed`,
        taskFailedEventDetails: {
          error: event.Error ?? '',
          cause: text(event.Cause),
        },
      };
    default:
      // Retries, catches, Map and Parallel bookkeeping have no one-to-one AWS event.
      return undefined;
  }
};
