import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromRoot } from '#lib/config/paths.ts';
import type { FunctionId } from '#lib/definitions/functions.ts';
import {
  workflowDefinitions,
  workflowSubstitutions,
  type WorkflowDefinition,
} from '#lib/definitions/workflows.ts';
import { isJsonObject, loadDefinition, type Json } from '#local/stepfunctions/definition-loader.ts';
import { LocalStepFunctions } from '#local/stepfunctions/local-step-functions.ts';
import { TaskTokenRegistry } from '#local/stepfunctions/task-tokens.ts';
import { pollUntil } from '../helpers/poll.ts';

/** A test double of a Lambda task: returns the payload the task gives, or throws. */
export type Fake = (payload: Json) => Json | Promise<Json>;

/** The test doubles of a workflow's Lambda tasks, by function id. */
export type Fakes = Partial<Record<FunctionId, Fake>>;

export const failWith = (name: string): never => {
  throw Object.assign(new Error(`${name} (test double)`), { name });
};

/**
 * Runs one of our ASL files in the interpreter the local runtime uses, with every Lambda
 * task bound to a test double, and records the calls. DynamoDB tasks go to a real client
 * (for aws-sdk-client-mock to intercept) on the table `tableName`.
 */
export const workflowHarness = async (
  workflowId: string,
  fakes: Fakes,
  { tableName = 'table' }: { tableName?: string } = {}
) => {
  const workflows: readonly WorkflowDefinition[] = workflowDefinitions;
  const workflow = workflows.find((w) => w.id === workflowId);
  if (!workflow) throw new Error(`no workflow ${workflowId}`);
  const definition = await loadDefinition(
    fromRoot(workflow.file),
    workflowSubstitutions(workflow, {
      tableName,
      functionArn: (id) => `arn:aws:lambda:eu-central-1:000000000000:function:${id}`,
      stateMachineArn: (id) => `arn:aws:states:eu-central-1:000000000000:stateMachine:${id}`,
      senderAddress: 'a@example.com',
      configurationSetName: 'c',
      publicBaseUrl: 'https://x.example.com',
      settingsSource: 'file:/nonexistent/settings.json',
      webhookSecretId: 's',
      sourceCredentialsId: 'sources',
    })
  );
  const calls: { id: string; payload: Json }[] = [];
  const tokens = new TaskTokenRegistry();
  const service = new LocalStepFunctions('eu-central-1', '000000000000');
  service.bindTasks({
    invokeFunction: async (name, payload) => {
      const id = name.split(':function:')[1] ?? name;
      calls.push({ id, payload });
      const fake = fakes[id as FunctionId];
      if (!fake) throw new Error(`no test double for ${id}`);
      return fake(payload);
    },
    dynamoDb: new DynamoDBClient({ region: 'eu-central-1' }),
    awsSdk: () => Promise.reject(new Error('no SDK calls in these workflows')),
    tokens,
  });
  const machine = service.register(workflowId, definition);
  const callsOf = (id: FunctionId) => calls.filter((c) => c.id === id);
  const start = (input: Json) =>
    service.startExecution({ stateMachineArn: machine.arn, input: JSON.stringify(input) });
  /**
   * The task token handed to the nth call of a callback task. By default within the
   * workflows project's 20 s test timeout, so the poll names what it missed; a test that
   * waits through retries gives a longer `timeoutMs` (and a test timeout above it).
   */
  const tokenOf = (id: FunctionId, nth = 0, timeoutMs = 15_000) =>
    pollUntil(
      () => {
        const payload = callsOf(id)[nth]?.payload;
        return Promise.resolve(
          isJsonObject(payload) && typeof payload.taskToken === 'string'
            ? payload.taskToken
            : undefined
        );
      },
      { timeoutMs, what: `task token of ${id}` }
    );
  return {
    tokens,
    calls,
    callsOf,
    start,
    tokenOf,
    /** Answers the nth call of a callback task with `output`, once its token is handed out. */
    answer: async (id: FunctionId, output: Json, nth = 0, timeoutMs?: number) => {
      tokens.succeed(await tokenOf(id, nth, timeoutMs), output);
    },
    /** Starts an execution, lets `meanwhile` act on it (answer its tasks), awaits its end. */
    run: async (input: Json, meanwhile?: () => Promise<void>) => {
      const execution = start(input);
      await meanwhile?.();
      await execution.done;
      return execution;
    },
  };
};
