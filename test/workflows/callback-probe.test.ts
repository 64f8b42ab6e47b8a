import { DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { workflowHarness } from './workflow-harness.ts';

/**
 * The CallbackProbe ASL in the interpreter, offline: DynamoDB mocked with
 * aws-sdk-client-mock, the Lambda task replaced by a double that hands the token to the test.
 */
const dynamo = mockClient(DynamoDBClient);
afterEach(() => dynamo.reset());

const setUp = () =>
  workflowHarness('CallbackProbe', { AwaitProbeAnswer: () => null }, { tableName: 'probe-table' });

const probe = (probeId: string, timeoutSeconds = 30) => ({
  probeId,
  timeoutSeconds,
  heartbeatSeconds: 30,
});

const updateValues = () =>
  dynamo
    .commandCalls(UpdateItemCommand)
    .map((call) => call.args[0].input.ExpressionAttributeValues);

describe('State machine: callback-probe', () => {
  it('records the probe, waits, and marks it answered with the task output', async () => {
    // Prepare
    dynamo.on(PutItemCommand).resolves({}).on(UpdateItemCommand).resolves({});
    const harness = await setUp();

    // Act
    const execution = await harness.run(probe('p1'), () =>
      harness.answer('AwaitProbeAnswer', { ok: true })
    );

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null')).toEqual({ ok: true });
    expect(harness.calls[0]?.payload).toMatchObject({ probeId: 'p1' });
    expect(dynamo.commandCalls(PutItemCommand)[0]?.args[0].input).toMatchObject({
      TableName: 'probe-table',
      Item: { pk: { S: 'PROBE#p1' }, status: { S: 'waiting' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(updateValues()).toEqual([
      { ':answered': { S: 'answered' }, ':answer': { S: '{"ok":true}' } },
    ]);
  });

  it('marks the probe timed out and fails with States.Timeout', async () => {
    dynamo.on(PutItemCommand).resolves({}).on(UpdateItemCommand).resolves({});
    const harness = await setUp();

    const execution = await harness.run(probe('p2', 1));

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('States.Timeout');
    expect(updateValues()).toEqual([{ ':timedOut': { S: 'timed-out' } }]);
  });

  it('retries a throttled DynamoDB write, then goes on', async () => {
    const throttled = Object.assign(new Error('slow down'), {
      name: 'ProvisionedThroughputExceededException',
    });
    dynamo
      .on(PutItemCommand)
      .rejectsOnce(throttled)
      .resolves({})
      .on(UpdateItemCommand)
      .resolves({});
    const harness = await setUp();

    const execution = await harness.run(probe('p3'), () =>
      harness.answer('AwaitProbeAnswer', 'ok')
    );

    expect(dynamo.commandCalls(PutItemCommand)).toHaveLength(2);
    expect(execution.status).toBe('SUCCEEDED');
  });

  it('fails without waiting when the probe already exists', async () => {
    const exists = Object.assign(new Error('exists'), { name: 'ConditionalCheckFailedException' });
    dynamo.on(PutItemCommand).rejects(exists);
    const harness = await setUp();

    const execution = await harness.run(probe('p4'));

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(harness.calls).toHaveLength(0);
  });
});
