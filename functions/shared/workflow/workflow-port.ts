import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';

/**
 * The errors Step Functions answers for a task token whose task is over: answered already,
 * timed out, or its execution ended. Nothing waits for that token any more, so the caller
 * goes on (DynamoDB holds the truth; a later step or the reconcile pass picks it up).
 */
export const GONE_ERRORS: readonly string[] = ['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist'];

export const isGoneError = (error: unknown): boolean =>
  error instanceof Error && GONE_ERRORS.includes(error.name);

export type ExecutionState = 'running' | 'ended' | 'missing';

/**
 * The one port to the workflows. Use cases take it as a dependency and never see the SFN
 * client; parking a token is a store write (the item that waits holds it), releasing or
 * failing it happens here.
 */
export interface WorkflowPort {
  /** Starts an execution under a name; false when one of that name exists (an idempotent start). */
  startNamed(stateMachineArn: string, name: string, input: object): Promise<boolean>;
  /** Completes a waiting task with its output; false when the task is gone. */
  releaseToken(taskToken: string, output: object): Promise<boolean>;
  /** Fails a waiting task with a named error; false when the task is gone. */
  failToken(taskToken: string, error: string, cause: string): Promise<boolean>;
  /** Whether the execution of that name runs, ended, or never existed (or was forgotten). */
  executionState(stateMachineArn: string, name: string): Promise<ExecutionState>;
}

const executionArnOf = (stateMachineArn: string, name: string) =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

const unlessGone = async (send: () => Promise<unknown>): Promise<boolean> => {
  try {
    await send();
    return true;
  } catch (error) {
    if (isGoneError(error)) return false;
    throw error;
  }
};

/** The port over Step Functions (the local runtime's service answers the same API). */
export const stepFunctionsPort = (sfn: SFNClient): WorkflowPort => ({
  startNamed: async (stateMachineArn, name, input) => {
    try {
      await sfn.send(
        new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) })
      );
      return true;
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return false;
      throw error;
    }
  },
  releaseToken: (taskToken, output) =>
    unlessGone(() =>
      sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }))
    ),
  failToken: (taskToken, error, cause) =>
    unlessGone(() => sfn.send(new SendTaskFailureCommand({ taskToken, error, cause }))),
  executionState: async (stateMachineArn, name) => {
    try {
      const out = await sfn.send(
        new DescribeExecutionCommand({ executionArn: executionArnOf(stateMachineArn, name) })
      );
      return out.status === 'RUNNING' ? 'running' : 'ended';
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return 'missing';
      throw error;
    }
  },
});
