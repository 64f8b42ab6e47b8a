import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { fromRoot } from '#lib/config/paths.ts';
import type { FunctionDefinition } from '#lib/definitions/functions.ts';
import { kebabCase } from '#lib/definitions/workflows.ts';
import type { Json } from '../stepfunctions/definition-loader.ts';

type Handler = (event: unknown, context: Context) => unknown;

const isHandlerModule = (mod: unknown): mod is { handler: Handler } =>
  typeof mod === 'object' && mod !== null && 'handler' in mod && typeof mod.handler === 'function';

/** A function's error as Step Functions and API Gateway see it: named by its errorType. */
export class FunctionError extends Error {
  constructor(errorType: string, message: string) {
    super(message);
    this.name = errorType;
  }
}

export class UnknownFunctionError extends Error {
  override name = 'UnknownFunctionError';
}

/**
 * The catalogue's handler modules, imported on first use and run in this process with a
 * Lambda-shaped context. The environment they read at module scope must be set before.
 */
export class LocalFunctions {
  private readonly loaded = new Map<string, Promise<Handler>>();

  constructor(
    private readonly definitions: readonly FunctionDefinition[],
    private readonly stage: string,
    private readonly region: string,
    private readonly accountId: string
  ) {}

  physicalName(id: string): string {
    return `otklik-${this.stage}-${kebabCase(id)}`;
  }

  arnOf(id: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${this.physicalName(id)}`;
  }

  /** The definition for an id, a physical name or an ARN (any qualifier is ignored). */
  resolve(nameOrArn: string): FunctionDefinition {
    const name = nameOrArn.replace(/^arn:aws:lambda:[^:]*:[^:]*:function:/, '').replace(/:.*$/, '');
    const found = this.definitions.find((d) => d.id === name || this.physicalName(d.id) === name);
    if (!found) throw new UnknownFunctionError(`no local function ${nameOrArn}`);
    return found;
  }

  /** Invokes a function as Lambda would (RequestResponse); the result goes through JSON. */
  async invoke(nameOrArn: string, event: unknown): Promise<Json> {
    const definition = this.resolve(nameOrArn);
    const handler = await this.load(definition);
    const timeoutMs = (definition.timeoutSeconds ?? 10) * 1000;
    const deadline = Date.now() + timeoutMs;
    const context: Context = {
      callbackWaitsForEmptyEventLoop: false,
      functionName: this.physicalName(definition.id),
      functionVersion: '$LATEST',
      invokedFunctionArn: this.arnOf(definition.id),
      memoryLimitInMB: String(definition.memoryMb ?? 512),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${this.physicalName(definition.id)}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      // Deprecated callback-style members the Context type still requires.
      /* eslint-disable @typescript-eslint/no-deprecated */
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
      /* eslint-enable @typescript-eslint/no-deprecated */
    };
    try {
      const result = await handler(structuredClone(event), context);
      return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as Json);
    } catch (error) {
      if (error instanceof Error) throw new FunctionError(error.name, error.message);
      throw new FunctionError('Error', String(error));
    }
  }

  private load(definition: FunctionDefinition): Promise<Handler> {
    let loading = this.loaded.get(definition.id);
    if (!loading) {
      loading = import(pathToFileURL(fromRoot(definition.entry)).href).then((mod: unknown) => {
        if (!isHandlerModule(mod)) throw new Error(`${definition.entry} exports no handler`);
        return mod.handler;
      });
      this.loaded.set(definition.id, loading);
    }
    return loading;
  }
}
