import { describe, expect, it, vi } from 'vitest';
import { InvalidScheduleError, nextFireTime, ScheduleRunner } from '#local/schedules.ts';

describe('Local schedules: EventBridge expressions', () => {
  const from = new Date('2026-11-27T10:07:30Z');

  it('fires rate() expressions one interval later', () => {
    expect(nextFireTime('rate(15 minutes)', from).toISOString()).toBe('2026-11-27T10:22:30.000Z');
    expect(nextFireTime('rate(1 day)', from).toISOString()).toBe('2026-11-28T10:07:30.000Z');
  });

  it('reads cron() with EventBridge fields: ? wildcards, 1 = Sunday, a year field', () => {
    // 06:00 UTC on the first day of each quarter.
    expect(nextFireTime('cron(0 6 1 1,4,7,10 ? *)', from).toISOString()).toBe(
      '2027-01-01T06:00:00.000Z'
    );
    // Mondays (2 in EventBridge) at 09:30: 2026-11-30 is a Monday.
    expect(nextFireTime('cron(30 9 ? * 2 *)', from).toISOString()).toBe('2026-11-30T09:30:00.000Z');
  });

  it('refuses what is not an expression', () => {
    expect(() => nextFireTime('every day', from)).toThrow(InvalidScheduleError);
  });

  it('fires a schedule on demand and refuses an unknown one', async () => {
    const target = vi.fn().mockResolvedValue('fired');
    const runner = new ScheduleRunner(
      [
        {
          id: 'nightly',
          expression: 'cron(0 2 * * ? *)',
          description: 'd',
          target: { kind: 'function', functionId: 'SelfCheck' },
        },
      ],
      target,
      () => undefined
    );
    await expect(runner.fire('nightly')).resolves.toBe('fired');
    await expect(runner.fire('other')).rejects.toThrow(InvalidScheduleError);
    expect(target).toHaveBeenCalledTimes(1);
  });
});
