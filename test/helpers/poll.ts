/**
 * Generous by default: the suites share a small machine with other work, and a poll only
 * waits this long when the condition never comes (the test fails either way). It covers a
 * mail retried after an unknown outcome (a send the loaded machine timed out on: up to
 * 10 s of backoff plus the 5 s receipt window of the integration runtime, and the send).
 */
export const PATIENCE_MS = 45_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `probe` returns a value other than undefined, or fails after `timeoutMs`.
 * Integration tests wait on conditions, never on fixed sleeps. `what` names the condition
 * in the timeout message; a function is asked at the time, so it can say what was last seen.
 */
export const pollUntil = async <T>(
  probe: () => Promise<T | undefined>,
  {
    timeoutMs = PATIENCE_MS,
    intervalMs = 50,
    what = 'condition',
  }: { timeoutMs?: number; intervalMs?: number; what?: string | (() => string) } = {}
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const named = typeof what === 'function' ? what() : what;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${named}`);
    }
    await pause(intervalMs);
  }
};

/**
 * Does `action` again and again, `intervalMs` apart, until `durationMs` have passed. Only
 * for tests whose subject is time itself (heartbeats that keep a task alive for longer
 * than its heartbeat interval); anything else waits on a condition with `pollUntil`.
 */
export const repeatFor = async (
  action: () => Promise<unknown>,
  { durationMs, intervalMs }: { durationMs: number; intervalMs: number }
): Promise<void> => {
  const until = Date.now() + durationMs;
  while (Date.now() < until) {
    await action();
    await pause(intervalMs);
  }
};
