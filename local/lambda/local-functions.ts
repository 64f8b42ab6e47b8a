import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { fromRoot } from '#lib/config/paths.ts';
import type { FunctionDefinition } from '#lib/definitions/function-definition.ts';
import { kebabCase } from '#lib/definitions/names.ts';
import type { Json } from '../stepfunctions/definition-loader.ts';
import { withScopedEnvironment, type ScopedEnvironment } from './scoped-environment.ts';
import { NamedError } from '../named-error.ts';

type Handler = (event: unknown, context: Context) => unknown;

const isHandlerModule = (mod: unknown): mod is { handler: Handler } =>
  typeof mod === 'object' && mod !== null && 'handler' in mod && typeof mod.handler === 'function';

/** A function's error as Step Functions and API Gateway see it: named by its errorType. */
export class FunctionError extends NamedError {}

export class UnknownFunctionError extends Error {
  override name = 'UnknownFunctionError';
}

/** A function's declared environment variables (functionEnvironment with the runtime's refs). */
export type EnvironmentOf = (definition: FunctionDefinition) => Readonly<Record<string, string>>;

/**
 * The catalogue's handler modules, imported on first use and run in this process with a
 * Lambda-shaped context. Each function id imports its entry once, as its own module
 * instance, with its own environment (scoped-environment.ts): a cold start per function.
 */
export class LocalFunctions {
  private readonly loaded = new Map<string, Promise<Handler>>();
  /** The previous import: imports run one at a time, each swapping the environment. */
  private importing: Promise<unknown> = Promise.resolve();
  private applicationVariables: ReadonlySet<string> | undefined;

  /**
   * @param environmentOf read at the first import, not here, so the caller may build it
   *   from values it learns after constructing this (the API's URL); no variables when absent
   */
  constructor(
    private readonly definitions: readonly FunctionDefinition[],
    private readonly stage: string,
    private readonly region: string,
    private readonly accountId: string,
    private readonly environmentOf: EnvironmentOf = () => ({})
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
      // The query makes the entry a module of this function id alone: two ids sharing an
      // entry would otherwise share one evaluation, with the first one's environment.
      const url = `${pathToFileURL(fromRoot(definition.entry)).href}?function=${definition.id}`;
      loading = this.importing
        .then(() => withScopedEnvironment(this.scopeOf(definition), () => import(url)))
        .then((mod: unknown) => {
          if (!isHandlerModule(mod)) throw new Error(`${definition.entry} exports no handler`);
          return mod.handler;
        });
      this.importing = loading.catch(() => undefined);
      this.loaded.set(definition.id, loading);
    }
    return loading;
  }

  private scopeOf(definition: FunctionDefinition): ScopedEnvironment {
    this.applicationVariables ??= new Set(
      this.definitions.flatMap((d) => [
        ...Object.keys(this.environmentOf(d)),
        ...(d.environment?.optional ?? []),
      ])
    );
    return {
      declared: this.environmentOf(definition),
      passedOn: new Set(definition.environment?.optional ?? []),
      applicationVariables: this.applicationVariables,
    };
  }
}
