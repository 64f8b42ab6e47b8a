import { randomUUID } from 'node:crypto';
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { adaptMachine, taskStates, type Json, type JsonObject } from './definition-loader.ts';
import {
  executionAlreadyExists,
  executionDoesNotExist,
  invalidExecutionInput,
  invalidName,
  stateMachineDoesNotExist,
  validationError,
} from './errors.ts';
import { toHistoryDetails, type HistoryEvent } from './history.ts';
import { TASK_TOKEN_SENTINEL, taskHandlerFor, type TaskRunnerDeps } from './task-runner.ts';

export interface RegisteredMachine {
  readonly name: string;
  readonly arn: string;
  /** The substituted definition, as AWS stores it. */
  readonly definition: JsonObject;
  readonly roleArn: string;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  status: ExecutionStatus;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  readonly history: HistoryEvent[];
  /** Settles when the execution has ended and its history is complete. */
  done: Promise<void>;
  abort?: () => void;
}

// AWS: 1–80 characters; no whitespace, brackets, wildcards, special or control characters.
// eslint-disable-next-line no-control-regex -- control characters are what it rejects
const VALID_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;

export type TaskDepsFactory = (
  service: LocalStepFunctions
) => Omit<TaskRunnerDeps, 'startExecution'>;

/**
 * A Step Functions service for one machine: the registered ASL definitions run in
 * aws-local-stepfunctions, with Task states bound to the local integrations. Execution
 * records live in memory (a restart forgets running executions: the data in DynamoDB is
 * the truth, and the workflows' reconcile passes catch up).
 */
export class LocalStepFunctions {
  private readonly machines = new Map<
    string,
    { registered: RegisteredMachine; local: StateMachine; tasks: Map<string, JsonObject> }
  >();
  private readonly executions = new Map<string, ExecutionRecord>();
  private taskDeps: Omit<TaskRunnerDeps, 'startExecution'> | undefined;

  constructor(
    private readonly region: string,
    private readonly accountId: string
  ) {}

  bindTasks(deps: Omit<TaskRunnerDeps, 'startExecution'>): void {
    this.taskDeps = deps;
  }

  register(name: string, definition: JsonObject): RegisteredMachine {
    const arn = `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${name}`;
    const adapted = adaptMachine(definition);
    // Our own definitions, already checked by asl-validator in the test suite and loaded
    // from files we ship: the interpreter's type is a structural view of the same JSON.
    const local = new StateMachine(adapted as unknown as StateMachineDefinition, {
      validationOptions: { checkArn: false, checkPaths: true },
    });
    const registered = {
      name,
      arn,
      definition,
      roleArn: `arn:aws:iam::${this.accountId}:role/${name}-role`,
    };
    this.machines.set(arn, { registered, local, tasks: taskStates(adapted) });
    return registered;
  }

  listStateMachines(): RegisteredMachine[] {
    return [...this.machines.values()].map((m) => m.registered);
  }

  describeStateMachine(arn: string): RegisteredMachine {
    const machine = this.machines.get(arn);
    if (!machine) throw stateMachineDoesNotExist(arn);
    return machine.registered;
  }

  startExecution(params: {
    stateMachineArn: string;
    name?: string | undefined;
    input?: string | undefined;
  }): ExecutionRecord {
    const machine = this.machines.get(params.stateMachineArn);
    if (!machine) throw stateMachineDoesNotExist(params.stateMachineArn);
    const name = params.name ?? randomUUID();
    if (!VALID_NAME.test(name)) throw invalidName(name);
    const inputText = params.input ?? '{}';
    let input: Json;
    try {
      const parsed: unknown = JSON.parse(inputText);
      input = parsed as Json; // JSON.parse yields JSON values only.
    } catch {
      throw invalidExecutionInput('not valid JSON');
    }
    const executionArn = `arn:aws:states:${this.region}:${this.accountId}:execution:${machine.registered.name}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // AWS's idempotency for Standard workflows: same name and input while running.
      if (existing.status === 'RUNNING' && existing.input === inputText) return existing;
      throw executionAlreadyExists(executionArn);
    }
    const deps = this.taskDeps;
    if (!deps) throw validationError('task integrations are not bound');
    const taskHandlers = Object.fromEntries(
      [...machine.tasks].map(([stateName, state]) => [
        stateName,
        taskHandlerFor(typeof state.Resource === 'string' ? state.Resource : '', executionArn, {
          ...deps,
          startExecution: (p) => this.startFromTask(p),
        }),
      ])
    );
    const startDate = new Date();
    const run = machine.local.run(input, {
      overrides: { taskResourceLocalHandlers: taskHandlers },
      context: {
        Execution: {
          Id: executionArn,
          Name: name,
          RoleArn: machine.registered.roleArn,
          StartTime: startDate.toISOString(),
        },
        StateMachine: { Id: machine.registered.arn, Name: machine.registered.name },
        Task: { Token: TASK_TOKEN_SENTINEL },
      },
    });
    const history: HistoryEvent[] = [];
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.registered.arn,
      name,
      input: inputText,
      startDate,
      status: 'RUNNING',
      history,
      abort: run.abort,
      done: Promise.resolve(),
    };
    record.done = (async () => {
      const collect = (async () => {
        for await (const event of run.eventLogs) {
          const details = toHistoryDetails(event);
          if (!details) continue;
          const id = history.length + 1;
          history.push({ ...details, id, previousEventId: id - 1 });
          if (event.type === 'ExecutionFailed') {
            record.error = event.Error;
            record.cause =
              typeof event.Cause === 'string' ? event.Cause : JSON.stringify(event.Cause);
          }
        }
      })();
      let outcome: { status: ExecutionStatus; output?: string };
      try {
        outcome = { status: 'SUCCEEDED', output: JSON.stringify(await run.result) };
      } catch (error) {
        outcome = {
          status:
            error instanceof Error && error.name === 'ExecutionTimeoutError'
              ? 'TIMED_OUT'
              : 'FAILED',
        };
        if (
          !(error instanceof ExecutionError) &&
          outcome.status === 'FAILED' &&
          record.error === undefined
        ) {
          record.error = 'States.Runtime';
          record.cause = error instanceof Error ? error.message : String(error);
        }
      }
      // The history must be complete (and error and cause known) before the status changes.
      await collect;
      if (record.status === 'RUNNING') {
        record.status = outcome.status;
        if (outcome.output !== undefined) record.output = outcome.output;
      }
      record.stopDate ??= new Date();
      deps.tokens.endExecution(executionArn);
    })();
    this.executions.set(executionArn, record);
    return record;
  }

  describeExecution(executionArn: string): ExecutionRecord {
    const record = this.executions.get(executionArn);
    if (!record) throw executionDoesNotExist(executionArn);
    return record;
  }

  listExecutions(stateMachineArn: string, statusFilter?: ExecutionStatus): ExecutionRecord[] {
    if (!this.machines.has(stateMachineArn)) throw stateMachineDoesNotExist(stateMachineArn);
    return [...this.executions.values()]
      .filter(
        (e) => e.stateMachineArn === stateMachineArn && (!statusFilter || e.status === statusFilter)
      )
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
  }

  async stopExecution(executionArn: string, error?: string, cause?: string): Promise<Date> {
    const record = this.describeExecution(executionArn);
    if (record.status !== 'RUNNING') return record.stopDate ?? new Date();
    record.status = 'ABORTED';
    record.stopDate = new Date();
    if (error !== undefined) record.error = error;
    if (cause !== undefined) record.cause = cause;
    record.abort?.();
    this.taskDeps?.tokens.endExecution(executionArn);
    await record.done;
    return record.stopDate;
  }

  /** Stops every running execution (shutdown). */
  async stopAll(): Promise<void> {
    const running = [...this.executions.values()].filter((e) => e.status === 'RUNNING');
    await Promise.all(
      running.map((e) =>
        this.stopExecution(e.executionArn, 'States.Aborted', 'local runtime stopped')
      )
    );
  }

  private startFromTask(parameters: JsonObject): Promise<Json> {
    const { StateMachineArn, Name, Input } = parameters;
    if (typeof StateMachineArn !== 'string') throw validationError('StateMachineArn is required');
    const record = this.startExecution({
      stateMachineArn: StateMachineArn,
      name: typeof Name === 'string' ? Name : undefined,
      input:
        Input === undefined ? undefined : typeof Input === 'string' ? Input : JSON.stringify(Input),
    });
    return Promise.resolve({
      ExecutionArn: record.executionArn,
      StartDate: record.startDate.toISOString(),
    });
  }
}
