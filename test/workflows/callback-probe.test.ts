import { DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { fromRoot } from '#lib/config/paths.ts';
import {
  workflowDefinitions,
  workflowSubstitutions,
  type WorkflowDefinition,
} from '#lib/definitions/workflows.ts';
import { isJsonObject, loadDefinition, type Json } from '#local/stepfunctions/definition-loader.ts';
import { LocalStepFunctions } from '#local/stepfunctions/local-step-functions.ts';
import { TaskTokenRegistry } from '#local/stepfunctions/task-tokens.ts';
import { pollUntil } from '../helpers/poll.ts';

/**
 * The CallbackProbe ASL in the interpreter, offline: DynamoDB mocked with
 * aws-sdk-client-mock, the Lambda task replaced by a double that hands the token to the test.
 */
const dynamo = mockClient(DynamoDBClient);
afterEach(() => dynamo.reset());

const workflows: readonly WorkflowDefinition[] = workflowDefinitions;
const workflow = workflows.find((w) => w.id === 'CallbackProbe');

const setUp = async () => {
  if (!workflow) throw new Error('CallbackProbe missing');
  const definition = await loadDefinition(
    fromRoot(workflow.file),
    workflowSubstitutions(workflow, {
      tableName: 'probe-table',
      functionArn: (id) => `arn:aws:lambda:eu-central-1:000000000000:function:${id}`,
      stateMachineArn: (id) => id,
      senderAddress: 'a@example.com',
      configurationSetName: 'c',
      publicBaseUrl: 'https://x.example.com',
      csiSettings: '{}',
      webhookSecretId: 's',
      sourceCredentialsId: 'sources',
    })
  );
  const service = new LocalStepFunctions('eu-central-1', '000000000000');
  const tokens = new TaskTokenRegistry();
  const invocations: Json[] = [];
  service.bindTasks({
    invokeFunction: (_name, payload) => {
      invocations.push(payload);
      return Promise.resolve(null);
    },
    dynamoDb: new DynamoDBClient({ region: 'eu-central-1' }),
    awsSdk: () => Promise.reject(new Error('not used')),
    tokens,
  });
  const machine = service.register('probe', definition);
  const tokenOfCall = () =>
    pollUntil(async () => {
      const payload = invocations[0];
      return Promise.resolve(
        isJsonObject(payload) && typeof payload.taskToken === 'string'
          ? payload.taskToken
          : undefined
      );
    });
  return { service, tokens, machine, tokenOfCall, invocations };
};

const updateValues = () =>
  dynamo
    .commandCalls(UpdateItemCommand)
    .map((call) => call.args[0].input.ExpressionAttributeValues);

describe('State machine: callback-probe', () => {
  it('records the probe, waits, and marks it answered with the task output', async () => {
    // Prepare
    dynamo.on(PutItemCommand).resolves({}).on(UpdateItemCommand).resolves({});
    const { service, tokens, machine, tokenOfCall, invocations } = await setUp();

    // Act
    const execution = service.startExecution({
      stateMachineArn: machine.arn,
      input: JSON.stringify({ probeId: 'p1', timeoutSeconds: 30, heartbeatSeconds: 30 }),
    });
    tokens.succeed(await tokenOfCall(), { ok: true });
    await execution.done;

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? 'null')).toEqual({ ok: true });
    expect(invocations[0]).toMatchObject({ probeId: 'p1' });
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
    const { service, machine } = await setUp();

    const execution = service.startExecution({
      stateMachineArn: machine.arn,
      input: JSON.stringify({ probeId: 'p2', timeoutSeconds: 1, heartbeatSeconds: 30 }),
    });
    await execution.done;

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
    const { service, tokens, machine, tokenOfCall } = await setUp();

    const execution = service.startExecution({
      stateMachineArn: machine.arn,
      input: JSON.stringify({ probeId: 'p3', timeoutSeconds: 30, heartbeatSeconds: 30 }),
    });
    tokens.succeed(await tokenOfCall(), 'ok');
    await execution.done;

    expect(dynamo.commandCalls(PutItemCommand)).toHaveLength(2);
    expect(execution.status).toBe('SUCCEEDED');
  });

  it('fails without waiting when the probe already exists', async () => {
    const exists = Object.assign(new Error('exists'), { name: 'ConditionalCheckFailedException' });
    dynamo.on(PutItemCommand).rejects(exists);
    const { service, machine, invocations } = await setUp();

    const execution = service.startExecution({
      stateMachineArn: machine.arn,
      input: JSON.stringify({ probeId: 'p4', timeoutSeconds: 30, heartbeatSeconds: 30 }),
    });
    await execution.done;

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('DynamoDB.ConditionalCheckFailedException');
    expect(invocations).toHaveLength(0);
  });
});
