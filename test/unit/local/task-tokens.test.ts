import { describe, expect, it, vi } from 'vitest';
import { TaskFailure, TaskTokenRegistry } from '#local/stepfunctions/task-tokens.ts';
import { fakeTimers } from '#test/helpers/clock.ts';

describe('Local Step Functions: task tokens', () => {
  fakeTimers();

  it('completes a task once; a second answer gets TaskTimedOut', async () => {
    const registry = new TaskTokenRegistry();
    const { token, completion } = registry.issue({ executionArn: 'e', timeoutSeconds: 60 });

    registry.succeed(token, { ok: 1 });

    await expect(completion).resolves.toEqual({ ok: 1 });
    expect(() => {
      registry.succeed(token, {});
    }).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }));
  });

  it('fails a task with the given error name', async () => {
    const registry = new TaskTokenRegistry();
    const { token, completion } = registry.issue({ executionArn: 'e', timeoutSeconds: 60 });

    registry.fail(token, 'Custom.Error', 'why');

    await expect(completion).rejects.toEqual(new TaskFailure('Custom.Error', 'why'));
  });

  it('answers InvalidToken for a token it never issued', () => {
    expect(() => {
      new TaskTokenRegistry().heartbeat('nope');
    }).toThrow(expect.objectContaining({ code: 'InvalidToken' }));
  });

  it('fails with States.HeartbeatTimeout unless heartbeats keep coming', async () => {
    const registry = new TaskTokenRegistry();
    const { token, completion } = registry.issue({
      executionArn: 'e',
      timeoutSeconds: 60,
      heartbeatSeconds: 2,
    });
    const settled = vi.fn();
    completion.catch(settled);

    vi.advanceTimersByTime(1500);
    registry.heartbeat(token);
    vi.advanceTimersByTime(1500);
    await Promise.resolve();
    expect(settled).not.toHaveBeenCalled();

    vi.advanceTimersByTime(600);
    await expect(completion).rejects.toMatchObject({ name: 'States.HeartbeatTimeout' });
    expect(registry.pendingCount).toBe(0);
  });

  it('refuses answers after the task timeout', () => {
    const registry = new TaskTokenRegistry();
    const { token } = registry.issue({ executionArn: 'e', timeoutSeconds: 1 });

    vi.advanceTimersByTime(1001);

    expect(() => {
      registry.succeed(token, {});
    }).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }));
  });

  it('ends only the tokens of the execution that ended', async () => {
    const registry = new TaskTokenRegistry();
    const a = registry.issue({ executionArn: 'a', timeoutSeconds: 60 });
    const b = registry.issue({ executionArn: 'b', timeoutSeconds: 60 });

    registry.endExecution('a');

    await expect(a.completion).resolves.toBeNull();
    expect(registry.pendingCount).toBe(1);
    registry.succeed(b.token, 'b');
    await expect(b.completion).resolves.toBe('b');
  });
});
