import { DEFAULT_TIME_ZONE, nextQuarter, quarterOf, type Quarter } from './quarter.ts';
import { zonedInstant, type WeekdayNumber } from '#shared/kernel/zoned-time.ts';

/**
 * When the quarterly campaign starts: by default the second Monday of the quarter at 10:00
 * in the installation's time zone. Not the first: the Russian New Year holidays fill the
 * first January week, and a survey in an empty inbox week is read by no one (and the same
 * rule in every quarter keeps the gap between service and question the same).
 *
 * The occurrence is counted in the quarter's first month and limited to 1–4, because every
 * month has a fourth of each weekday (not always a fifth): one EventBridge Scheduler cron
 * expression (`2#2` is "the second Monday") then names exactly the days this file computes.
 */
export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface CampaignScheduleConfig {
  /** Which occurrence of the weekday in the quarter's first month, 1–4 (default 2). */
  readonly weekOfQuarter: 1 | 2 | 3 | 4;
  readonly weekday: Weekday;
  /** `HH:MM`, 24-hour, in the time zone. */
  readonly time: string;
}

export const DEFAULT_CAMPAIGN_SCHEDULE: CampaignScheduleConfig = {
  weekOfQuarter: 2,
  weekday: 'monday',
  time: '10:00',
};

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export class InvalidScheduleError extends Error {
  override name = 'InvalidScheduleError';
}

const hourMinute = (time: string) => {
  const match = TIME.exec(time);
  if (!match) throw new InvalidScheduleError(`not a time of day HH:MM: ${time}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
};

const weekdayNumber = (weekday: Weekday): WeekdayNumber => {
  const index = WEEKDAYS.indexOf(weekday);
  const numbers: readonly WeekdayNumber[] = [0, 1, 2, 3, 4, 5, 6];
  return numbers[index] ?? 1;
};

/**
 * The EventBridge Scheduler schedule: a cron expression read in `timeZone` (the schedule's
 * ScheduleExpressionTimezone, so 10:00 stays 10:00 whatever UTC offset the zone has).
 * Day-of-week in EventBridge cron counts 1 = Sunday … 7 = Saturday; day-of-month is `?`
 * when day-of-week is given. The default: `cron(0 10 ? 1,4,7,10 2#2 *)`, Europe/Moscow.
 */
export const campaignScheduleExpression = (
  config: CampaignScheduleConfig = DEFAULT_CAMPAIGN_SCHEDULE,
  timeZone = DEFAULT_TIME_ZONE
): { readonly expression: string; readonly timeZone: string } => {
  const { hour, minute } = hourMinute(config.time);
  const day = `${weekdayNumber(config.weekday) + 1}#${config.weekOfQuarter}`;
  return { expression: `cron(${minute} ${hour} ? 1,4,7,10 ${day} *)`, timeZone };
};

/** The start of the campaign held in quarter `q` (it asks about the quarter before q). */
export const campaignStartIn = (
  q: Quarter,
  config: CampaignScheduleConfig = DEFAULT_CAMPAIGN_SCHEDULE,
  timeZone = DEFAULT_TIME_ZONE
): Date => {
  const { hour, minute } = hourMinute(config.time);
  const month = (q.quarter - 1) * 3 + 1;
  const firstWeekday = new Date(Date.UTC(q.year, month - 1, 1)).getUTCDay();
  const firstDay = 1 + ((weekdayNumber(config.weekday) - firstWeekday + 7) % 7);
  const day = firstDay + (config.weekOfQuarter - 1) * 7;
  return zonedInstant({ year: q.year, month, day, hour, minute }, timeZone);
};

/** The first campaign start strictly after `after`: this quarter's if still ahead, else the next's. */
export const nextCampaignStart = (
  after: Date,
  config: CampaignScheduleConfig = DEFAULT_CAMPAIGN_SCHEDULE,
  timeZone = DEFAULT_TIME_ZONE
): Date => {
  const current = quarterOf(after, timeZone);
  const thisOne = campaignStartIn(current, config, timeZone);
  return thisOne > after ? thisOne : campaignStartIn(nextQuarter(current), config, timeZone);
};
