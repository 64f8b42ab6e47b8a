import { randomBytes } from 'node:crypto';
import type { Json } from './definition-loader.ts';
import { invalidToken, taskTimedOut } from './errors.ts';

/** A task failed by SendTaskFailure, or by a missed heartbeat; the ASL catches it by name. */
export class TaskFailure extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

interface PendingTask {
  readonly executionArn: string;
  readonly resolve: (output: Json) => void;
  readonly reject: (error: Error) => void;
  readonly deadline: number;
  readonly heartbeatMs: number | undefined;
  heartbeatTimer: NodeJS.Timeout | undefined;
}

/**
 * The task tokens handed out to `.waitForTaskToken` tasks. Each token is fresh per task
 * attempt, opaque, and accepted once; a token whose task ended (answered, failed, timed
 * out, or its execution stopped) answers TaskTimedOut, an unknown one InvalidToken, as on AWS.
 */
export class TaskTokenRegistry {
  private readonly pending = new Map<string, PendingTask>();
  private readonly ended = new Set<string>();

  issue(options: { executionArn: string; timeoutSeconds: number; heartbeatSeconds?: number }): {
    token: string;
    completion: Promise<Json>;
  } {
    const token = randomBytes(96).toString('base64');
    const completion = new Promise<Json>((resolve, reject) => {
      const task: PendingTask = {
        executionArn: options.executionArn,
        resolve,
        reject,
        deadline: Date.now() + options.timeoutSeconds * 1000,
        heartbeatMs:
          options.heartbeatSeconds === undefined ? undefined : options.heartbeatSeconds * 1000,
        heartbeatTimer: undefined,
      };
      this.pending.set(token, task);
      this.armHeartbeat(token, task);
    });
    return { token, completion };
  }

  succeed(token: string, output: Json): void {
    const task = this.take(token);
    task.resolve(output);
  }

  fail(token: string, error: string | undefined, cause: string | undefined): void {
    const task = this.take(token);
    task.reject(new TaskFailure(error ?? 'States.TaskFailed', cause ?? ''));
  }

  heartbeat(token: string): void {
    const task = this.live(token);
    this.armHeartbeat(token, task);
  }

  /**
   * Ends every token of an execution that has stopped, failed or finished. The waiting
   * task settles too, so the interpreter clears its own timeout timer. It settles with
   * null rather than an error: the execution is already aborted, so no further state
   * runs, and the interpreter would leave a rejection here unhandled.
   */
  endExecution(executionArn: string): void {
    for (const [token, task] of this.pending) {
      if (task.executionArn !== executionArn) continue;
      this.end(token, task);
      task.resolve(null);
    }
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private armHeartbeat(token: string, task: PendingTask): void {
    clearTimeout(task.heartbeatTimer);
    if (task.heartbeatMs === undefined) return;
    task.heartbeatTimer = setTimeout(() => {
      this.end(token, task);
      task.reject(
        new TaskFailure('States.HeartbeatTimeout', 'no heartbeat within HeartbeatSeconds')
      );
    }, task.heartbeatMs);
  }

  private live(token: string): PendingTask {
    const task = this.pending.get(token);
    if (!task) throw this.ended.has(token) ? taskTimedOut() : invalidToken();
    if (Date.now() >= task.deadline) {
      this.end(token, task);
      throw taskTimedOut();
    }
    return task;
  }

  private take(token: string): PendingTask {
    const task = this.live(token);
    this.end(token, task);
    return task;
  }

  private end(token: string, task: PendingTask): void {
    clearTimeout(task.heartbeatTimer);
    this.pending.delete(token);
    this.ended.add(token);
  }
}
