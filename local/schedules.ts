import { randomUUID } from 'node:crypto';
import { CronExpressionParser } from 'cron-parser';
import type { ScheduleDefinition } from '#lib/definitions/schedule-definition.ts';

const UNIT_MS: Readonly<Record<string, number>> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

export class InvalidScheduleError extends Error {
  override name = 'InvalidScheduleError';
}

/** EventBridge day-of-week counts 1–7 from Sunday; cron-parser counts 0–6. */
const shiftDayOfWeek = (field: string): string =>
  field.replace(/\d+/g, (d) => String(Number(d) - 1));

/**
 * The next time an EventBridge expression fires after `from` (UTC). `rate(n unit)`
 * fires every interval from the runtime's start; `cron(m h dom mon dow year)` as on AWS.
 */
export const nextFireTime = (expression: string, from: Date): Date => {
  const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression);
  if (rate?.[1] && rate[2]) {
    const unit = UNIT_MS[rate[2]];
    if (unit === undefined) throw new InvalidScheduleError(expression);
    return new Date(from.getTime() + Number(rate[1]) * unit);
  }
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!cron)
    throw new InvalidScheduleError(`not an EventBridge schedule expression: ${expression}`);
  const [, minutes, hours, dayOfMonth, month, dayOfWeek, year] = cron;
  const fields = [
    minutes,
    hours,
    dayOfMonth === '?' ? '*' : dayOfMonth,
    month,
    dayOfWeek === '?' ? '*' : shiftDayOfWeek(dayOfWeek ?? '*'),
  ];
  const next = CronExpressionParser.parse(fields.join(' '), { currentDate: from, tz: 'UTC' })
    .next()
    .toDate();
  if (
    year !== '*' &&
    year !== undefined &&
    !year.split(',').includes(String(next.getUTCFullYear()))
  ) {
    throw new InvalidScheduleError(
      `local schedules support only '*' or a list of years: ${expression}`
    );
  }
  return next;
};

/** The event EventBridge sends a scheduled rule's Lambda target. */
export const scheduledEvent = (schedule: ScheduleDefinition, region: string, time: Date) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: time.toISOString(),
  region,
  resources: [`arn:aws:events:${region}:000000000000:rule/${schedule.id}`],
  detail: {},
});

/**
 * Fires each schedule's target on its expression while the runtime runs; `fire` runs one
 * now (what `npm run trigger -- <id>` asks for).
 */
export class ScheduleRunner {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly schedules: readonly ScheduleDefinition[],
    private readonly fireTarget: (schedule: ScheduleDefinition) => Promise<unknown>,
    private readonly log: (line: string) => void
  ) {
    for (const schedule of schedules) nextFireTime(schedule.expression, new Date());
  }

  start(): void {
    for (const schedule of this.schedules) this.arm(schedule, new Date());
  }

  async fire(id: string): Promise<unknown> {
    const schedule = this.schedules.find((s) => s.id === id);
    if (!schedule)
      throw new InvalidScheduleError(
        `no schedule ${id}; known: ${this.schedules.map((s) => s.id).join(', ')}`
      );
    return this.fireTarget(schedule);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private arm(schedule: ScheduleDefinition, from: Date): void {
    const at = nextFireTime(schedule.expression, from);
    const delay = Math.min(at.getTime() - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(
      () => {
        this.fireTarget(schedule).catch((error: unknown) => {
          this.log(
            `schedule ${schedule.id} failed: ${error instanceof Error ? error.name : String(error)}`
          );
        });
        this.arm(schedule, at);
      },
      Math.max(0, delay)
    );
    timer.unref();
    this.timers.set(schedule.id, timer);
  }
}
