import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  isJsonObject,
  MAX_TIMER_SECONDS,
  WRAPPED_HEARTBEAT,
  WRAPPED_PARAMETERS,
  WRAPPED_TIMEOUT,
  type Json,
  type JsonObject,
} from './definition-loader.ts';
import type { TaskTokenRegistry } from './task-tokens.ts';
import { NamedError } from '../named-error.ts';

/** Marks `$$.Task.Token` in the context; replaced by a fresh token per task attempt. */
export const TASK_TOKEN_SENTINEL = '__otklikTaskTokenSentinel__';

/** What Task states reach: the local Lambda functions, DynamoDB Local, any SDK call, this service. */
export interface TaskRunnerDeps {
  /** Runs a function's handler in-process; throws an Error named by the function's error type. */
  readonly invokeFunction: (functionName: string, payload: Json) => Promise<Json>;
  readonly dynamoDb: DynamoDBClient;
  /** Calls `<service>:<action>` of the AWS SDK with PascalCase parameters. */
  readonly awsSdk: (service: string, action: string, parameters: JsonObject) => Promise<Json>;
  readonly startExecution: (parameters: JsonObject) => Promise<Json>;
  readonly tokens: TaskTokenRegistry;
}

/** An integration's error, named the way the ASL's Retry and Catch match it on AWS. */
export class IntegrationError extends NamedError {}

export class UnsupportedResourceError extends Error {
  override name = 'UnsupportedResourceError';
}

const SDK_SERVICE_NAMES: Readonly<Record<string, string>> = {
  sesv2: 'SesV2',
  dynamodb: 'DynamoDb',
  sfn: 'Sfn',
};

/** The optimized DynamoDB integration passes the low-level API's parameters unchanged. */
const sendDynamoDb = (
  client: DynamoDBClient,
  action: string,
  parameters: Json
): Promise<object> => {
  // Our own ASL's Parameters, already shaped as the API's input; DynamoDB validates them.
  const input = parameters as never;
  switch (action) {
    case 'getItem':
      return client.send(new GetItemCommand(input));
    case 'putItem':
      return client.send(new PutItemCommand(input));
    case 'updateItem':
      return client.send(new UpdateItemCommand(input));
    default:
      return client.send(new DeleteItemCommand(input));
  }
};

const withoutMetadata = (output: object): Json => {
  const copy: Record<string, unknown> = { ...output };
  delete copy.$metadata;
  const json: unknown = JSON.parse(JSON.stringify(copy));
  return isJsonObject(json) ? json : {};
};

const renamed = (prefix: string) => (error: unknown) => {
  const name = error instanceof Error ? error.name : 'UnknownError';
  const message = error instanceof Error ? error.message : String(error);
  throw new IntegrationError(`${prefix}.${name}`, message);
};

const replaceSentinel = (value: Json, token: string): Json => {
  if (value === TASK_TOKEN_SENTINEL) return token;
  if (Array.isArray(value)) return value.map((item) => replaceSentinel(item, token));
  if (isJsonObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, replaceSentinel(v, token)])
    );
  }
  return value;
};

/** The resource's base integration and whether it waits for a task token. */
const parseResource = (resource: string) => {
  const waits = resource.endsWith('.waitForTaskToken');
  const base = waits ? resource.slice(0, -'.waitForTaskToken'.length) : resource;
  return { base, waits };
};

/**
 * Builds the function that runs one Task state's integration.
 * @param resource the Task's Resource ARN
 * @param executionArn the running execution (owner of any task token)
 * @param deps the integrations' clients
 */
export const taskHandlerFor = (resource: string, executionArn: string, deps: TaskRunnerDeps) => {
  const { base, waits } = parseResource(resource);
  const call = integrationFor(base, deps);
  return (processed: Json): Promise<Json> => {
    let parameters: Json = processed;
    let timeoutSeconds = MAX_TIMER_SECONDS;
    let heartbeatSeconds: number | undefined;
    if (isJsonObject(processed) && WRAPPED_PARAMETERS in processed) {
      parameters = processed[WRAPPED_PARAMETERS] ?? null;
      const timeout = processed[WRAPPED_TIMEOUT];
      if (typeof timeout === 'number') {
        // The interpreter reads this value right after this synchronous part returns:
        // clamping it here keeps long timeouts (P30D) from overflowing Node's timer.
        timeoutSeconds = Math.min(timeout, MAX_TIMER_SECONDS);
        processed[WRAPPED_TIMEOUT] = timeoutSeconds;
      }
      const heartbeat = processed[WRAPPED_HEARTBEAT];
      if (typeof heartbeat === 'number') heartbeatSeconds = heartbeat;
    }
    if (!waits) return call(parameters);
    const { token, completion } = deps.tokens.issue({
      executionArn,
      timeoutSeconds,
      ...(heartbeatSeconds === undefined ? {} : { heartbeatSeconds }),
    });
    return (async () => {
      await call(replaceSentinel(parameters, token));
      return completion;
    })();
  };
};

const integrationFor = (
  base: string,
  deps: TaskRunnerDeps
): ((parameters: Json) => Promise<Json>) => {
  if (base === 'arn:aws:states:::lambda:invoke') {
    return async (parameters) => {
      if (!isJsonObject(parameters) || typeof parameters.FunctionName !== 'string') {
        throw new IntegrationError('States.Runtime', 'lambda:invoke needs a FunctionName');
      }
      const payload = await deps.invokeFunction(parameters.FunctionName, parameters.Payload ?? {});
      return { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200 };
    };
  }
  const lambdaArn = /^arn:aws:lambda:[^:]*:[^:]*:function:.+$/.exec(base);
  if (lambdaArn) return (parameters) => deps.invokeFunction(base, parameters);
  const dynamo = /^arn:aws:states:::dynamodb:(getItem|putItem|updateItem|deleteItem)$/.exec(base);
  if (dynamo?.[1]) {
    const action = dynamo[1];
    return async (parameters) => {
      const output = await sendDynamoDb(deps.dynamoDb, action, parameters).catch(
        renamed('DynamoDB')
      );
      return withoutMetadata(output);
    };
  }
  const sdk = /^arn:aws:states:::aws-sdk:([a-z0-9]+):([A-Za-z0-9]+)$/.exec(base);
  if (sdk?.[1] && sdk[2]) {
    const [, service, action] = sdk;
    const prefix = SDK_SERVICE_NAMES[service] ?? service;
    return (parameters) =>
      deps
        .awsSdk(service, action, isJsonObject(parameters) ? parameters : {})
        .catch(renamed(prefix));
  }
  if (base === 'arn:aws:states:::states:startExecution') {
    return (parameters) =>
      deps
        .startExecution(isJsonObject(parameters) ? parameters : {})
        .catch(renamed('StepFunctions'));
  }
  throw new UnsupportedResourceError(`the local runtime cannot run Task resource ${base}`);
};
