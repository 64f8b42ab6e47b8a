import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Time in the unit tests (not a test file itself). Called at the top of a file, or of a
 * describe, each sets its clock before each test there and gives real time back after it.
 */

/** `Date` stands still at `now`; timers stay real. */
export const freezeDateAt = (now: Date): void => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
};

/** Fake timers, and `Date` at `now` when given: a test moves time on itself. */
export const fakeTimers = (now?: Date | number): void => {
  beforeEach(() => {
    vi.useFakeTimers();
    if (now !== undefined) vi.setSystemTime(now);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
};
