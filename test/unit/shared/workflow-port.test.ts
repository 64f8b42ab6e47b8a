import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { GONE_ERRORS, stepFunctionsPort } from '#shared/workflow/workflow-port.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';

const { sfn } = mockAws();
const port = stepFunctionsPort(new SFNClient({}));
const arn = 'arn:aws:states:eu-central-1:123456789012:stateMachine:otklik-test-csi-survey';
const named = (name: string) => Object.assign(new Error(name), { name });

describe('Port: stepFunctionsPort', () => {
  it('starts an execution under its name with the input as JSON', async () => {
    sfn.on(StartExecutionCommand).resolves({});
    expect(await port.startNamed(arn, 'abc', { surveyId: 'abc' })).toBe(true);
    expect(sfn).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: arn,
      name: 'abc',
      input: '{"surveyId":"abc"}',
    });
  });

  it('answers false, not an error, when an execution of that name exists', async () => {
    sfn
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    expect(await port.startNamed(arn, 'abc', {})).toBe(false);
  });

  it('rethrows any other start error', async () => {
    sfn.on(StartExecutionCommand).rejects(named('ServiceUnavailable'));
    await expect(port.startNamed(arn, 'abc', {})).rejects.toThrow('ServiceUnavailable');
  });

  it.each(GONE_ERRORS)('treats %s as a task that no longer waits', async (name) => {
    sfn.on(SendTaskSuccessCommand).rejects(named(name));
    sfn.on(SendTaskFailureCommand).rejects(named(name));
    expect(await port.releaseToken('token', { score: 5 })).toBe(false);
    expect(await port.failToken('token', 'SurveyCancelled', 'ticket reopened')).toBe(false);
  });

  it('releases and fails tokens with their output and error', async () => {
    sfn.on(SendTaskSuccessCommand).resolves({});
    sfn.on(SendTaskFailureCommand).resolves({});
    expect(await port.releaseToken('t1', { score: 3 })).toBe(true);
    expect(await port.failToken('t2', 'SurveyCancelled', 'ticket reopened')).toBe(true);
    expect(sfn).toHaveReceivedCommandWith(SendTaskSuccessCommand, {
      taskToken: 't1',
      output: '{"score":3}',
    });
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, {
      taskToken: 't2',
      error: 'SurveyCancelled',
      cause: 'ticket reopened',
    });
  });

  it('rethrows a throttled answer so the caller retries', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(named('ThrottlingException'));
    await expect(port.releaseToken('t', {})).rejects.toThrow('ThrottlingException');
  });

  it('tells a running, an ended and a missing execution apart', async () => {
    sfn
      .on(DescribeExecutionCommand, {
        executionArn: `${arn.replace(':stateMachine:', ':execution:')}:a`,
      })
      .resolves({ status: 'RUNNING' })
      .on(DescribeExecutionCommand, {
        executionArn: `${arn.replace(':stateMachine:', ':execution:')}:b`,
      })
      .resolves({ status: 'SUCCEEDED' })
      .on(DescribeExecutionCommand, {
        executionArn: `${arn.replace(':stateMachine:', ':execution:')}:c`,
      })
      .rejects(new ExecutionDoesNotExist({ message: 'none', $metadata: {} }));
    expect(await port.executionState(arn, 'a')).toBe('running');
    expect(await port.executionState(arn, 'b')).toBe('ended');
    expect(await port.executionState(arn, 'c')).toBe('missing');
  });
});
