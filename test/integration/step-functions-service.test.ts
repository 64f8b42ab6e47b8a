import { randomUUID } from 'node:crypto';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidExecutionInput,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { pollUntil, repeatFor } from '../helpers/poll.ts';
import { runtime, sfn } from './clients.ts';
import { itemOf } from './loop-helpers.ts';
import { executionArnOf, waitForExecutionEnd as finished } from './workflow-helpers.ts';

/**
 * The local Step Functions service, through @aws-sdk/client-sfn over HTTP, running the
 * CallbackProbe workflow: a direct DynamoDB integration, a Lambda callback task that
 * stores its task token in DynamoDB Local, and the outcome written back.
 */
const probeItem = (probeId: string) => itemOf(`PROBE#${probeId}`, 'PROBE');

/** Starts a CallbackProbe execution by name (again, in the tests of name reuse). */
const startNamed = (name: string | undefined, input: string) =>
  sfn.send(
    new StartExecutionCommand({ stateMachineArn: runtime.probeStateMachineArn, name, input })
  );

const startProbe = async (
  options: { timeoutSeconds?: number; heartbeatSeconds?: number; name?: string } = {}
) => {
  const probeId = randomUUID();
  const input = JSON.stringify({
    probeId,
    timeoutSeconds: options.timeoutSeconds ?? 30,
    heartbeatSeconds: options.heartbeatSeconds ?? 30,
  });
  const started = await startNamed(options.name ?? probeId, input);
  if (!started.executionArn) throw new Error('no execution ARN');
  return { probeId, input, executionArn: started.executionArn };
};

const tokenOf = (probeId: string) =>
  pollUntil(
    async () => {
      const token: unknown = (await probeItem(probeId))?.taskToken;
      return typeof token === 'string' ? token : undefined;
    },
    { what: `task token of probe ${probeId}` }
  );

describe('Local Step Functions service: task tokens', () => {
  it('waits on the task token until SendTaskSuccess arrives, then records the answer', async () => {
    // Prepare
    const { probeId, executionArn } = await startProbe();
    const token = await tokenOf(probeId);

    // Act: still waiting, then answered
    const waiting = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ answer: 42 }) })
    );
    const done = await finished(executionArn);

    // Assess
    expect(waiting.status).toBe('RUNNING');
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? 'null')).toEqual({ answer: 42 });
    const item = await probeItem(probeId);
    expect(item).toMatchObject({ status: 'answered', answer: '{"answer":42}' });
    expect(item?.taskToken).toBeUndefined();
  });

  it('hands out a different token for every task', async () => {
    const [a, b] = await Promise.all([startProbe(), startProbe()]);
    const [tokenA, tokenB] = await Promise.all([tokenOf(a.probeId), tokenOf(b.probeId)]);
    expect(tokenA).not.toBe(tokenB);
    expect(tokenA.length).toBeGreaterThanOrEqual(100);
    await Promise.all([
      sfn.send(new StopExecutionCommand({ executionArn: a.executionArn })),
      sfn.send(new StopExecutionCommand({ executionArn: b.executionArn })),
    ]);
  });

  it('fails the task with the error SendTaskFailure names', async () => {
    const { probeId, executionArn } = await startProbe();
    const token = await tokenOf(probeId);

    await sfn.send(
      new SendTaskFailureCommand({
        taskToken: token,
        error: 'ProbeRejected',
        cause: 'rejected by test',
      })
    );
    const done = await finished(executionArn);

    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('ProbeRejected');
    expect(await probeItem(probeId)).toMatchObject({ status: 'failed', failure: 'ProbeRejected' });
  });

  it('fails with States.Timeout when no answer comes within TimeoutSecondsPath', async () => {
    const { probeId, executionArn } = await startProbe({ timeoutSeconds: 1 });
    const token = await tokenOf(probeId);

    const done = await finished(executionArn);

    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.Timeout');
    expect(await probeItem(probeId)).toMatchObject({ status: 'timed-out' });
    // A late answer is refused as on AWS.
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('keeps a task alive while heartbeats arrive within HeartbeatSeconds', async () => {
    const { probeId, executionArn } = await startProbe({ timeoutSeconds: 20, heartbeatSeconds: 1 });
    const token = await tokenOf(probeId);

    // Heartbeats for 2.5 s: more than twice the heartbeat interval. Time is what this case
    // is about, so it paces its heartbeats rather than waiting on a condition.
    await repeatFor(() => sfn.send(new SendTaskHeartbeatCommand({ taskToken: token })), {
      durationMs: 2500,
      intervalMs: 300,
    });
    const alive = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '"still here"' }));
    const done = await finished(executionArn);

    expect(alive.status).toBe('RUNNING');
    expect(done.status).toBe('SUCCEEDED');
    expect(done.output).toBe('"still here"');
  });

  it('fails with States.HeartbeatTimeout when heartbeats stop', async () => {
    const { probeId, executionArn } = await startProbe({ timeoutSeconds: 20, heartbeatSeconds: 1 });
    await tokenOf(probeId);

    const done = await finished(executionArn);

    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.HeartbeatTimeout');
    expect(await probeItem(probeId)).toMatchObject({ status: 'timed-out' });
  });

  it('answers InvalidToken for a token it never issued', async () => {
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' }))
    ).rejects.toBeInstanceOf(InvalidToken);
  });
});

describe('Local Step Functions service: executions', () => {
  it('returns the same execution for the same name and input while it runs', async () => {
    const first = await startProbe();
    const again = await startNamed(first.probeId, first.input);
    const listed = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: runtime.probeStateMachineArn })
    );

    expect(again.executionArn).toBe(first.executionArn);
    expect(listed.executions?.filter((e) => e.name === first.probeId)).toHaveLength(1);
    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
  });

  it('refuses a reused name with different input, and any reuse once the execution ended', async () => {
    const first = await startProbe();
    const otherInput = JSON.stringify({
      probeId: first.probeId,
      timeoutSeconds: 5,
      heartbeatSeconds: 5,
    });

    await expect(startNamed(first.probeId, otherInput)).rejects.toBeInstanceOf(
      ExecutionAlreadyExists
    );
    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    await expect(startNamed(first.probeId, first.input)).rejects.toBeInstanceOf(
      ExecutionAlreadyExists
    );
  });

  it('stops an execution: ABORTED, its task token refused afterwards', async () => {
    const { probeId, executionArn } = await startProbe();
    const token = await tokenOf(probeId);

    await sfn.send(
      new StopExecutionCommand({ executionArn, error: 'Test.Stop', cause: 'stopped by test' })
    );
    const stopped = await sfn.send(new DescribeExecutionCommand({ executionArn }));

    expect(stopped.status).toBe('ABORTED');
    expect(stopped.error).toBe('Test.Stop');
    expect(stopped.stopDate).toBeInstanceOf(Date);
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('filters ListExecutions by status', async () => {
    const { probeId, executionArn } = await startProbe();
    await tokenOf(probeId);
    await sfn.send(new StopExecutionCommand({ executionArn }));

    const aborted = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: runtime.probeStateMachineArn,
        statusFilter: 'ABORTED',
      })
    );

    expect(aborted.executions?.map((e) => e.executionArn)).toContain(executionArn);
    expect(aborted.executions?.every((e) => e.status === 'ABORTED')).toBe(true);
  });

  it('gives the history of an execution in order, and reversed on request', async () => {
    const { probeId, executionArn } = await startProbe();
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: await tokenOf(probeId), output: '{"ok":true}' })
    );
    await finished(executionArn);

    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const reversed = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2 })
    );

    const events = history.events ?? [];
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskStateExited',
      'TaskStateEntered',
      'TaskStateExited',
      'TaskStateEntered',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((e) => e.id)).toEqual(events.map((_e, i) => i + 1));
    expect(
      events
        .filter((e) => e.type === 'TaskStateEntered')
        .map((e) => e.stateEnteredEventDetails?.name)
    ).toEqual(['RecordProbe', 'AwaitAnswer', 'MarkAnswered']);
    expect(reversed.events?.map((e) => e.type)).toEqual([
      'ExecutionSucceeded',
      'SucceedStateExited',
    ]);
    expect(reversed.nextToken).toBeDefined();
  });

  it('refuses input that is not JSON, and unknown executions', async () => {
    await expect(startNamed(undefined, '{not json')).rejects.toBeInstanceOf(InvalidExecutionInput);
    await expect(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn: executionArnOf(runtime.probeStateMachineArn, 'nope'),
        })
      )
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
  });
});
