/**
 * Wall-clock dates and times in an IANA time zone, to and from instants, by `Intl` (no
 * time-zone library in the project; Node 20 has no Temporal). A quarter starts at midnight
 * and a campaign at 10:00 of the installation's zone, never of UTC.
 *
 * One zone offset read at the wall time taken as UTC, then corrected once, which lands on
 * the right instant except inside a DST gap (none in Europe/Moscow since 2014). The intake
 * reads a ticket system's zone-less times with the same offset (sources/source-time.ts).
 */
export interface WallTime {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

/** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
export type WeekdayNumber = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const WEEKDAYS: readonly WeekdayNumber[] = [0, 1, 2, 3, 4, 5, 6];

const formats = new Map<string, Intl.DateTimeFormat>();
const formatOf = (timeZone: string): Intl.DateTimeFormat => {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
};

const partsAt = (instant: number, timeZone: string) => {
  const parts = new Map(
    formatOf(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value])
  );
  const number = (type: Intl.DateTimeFormatPartTypes) => Number(parts.get(type) ?? 0);
  return {
    year: number('year'),
    month: number('month'),
    day: number('day'),
    hour: number('hour'),
    minute: number('minute'),
    second: number('second'),
  };
};

/** Minutes the zone is ahead of UTC at an instant (Europe/Moscow: 180). */
export const offsetMinutes = (instant: number, timeZone: string): number => {
  const p = partsAt(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - (instant - (instant % 1000))) / 60000);
};

/** The instant a wall time of the zone names. */
export const zonedInstant = (wall: WallTime, timeZone: string): Date => {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  let instant = asUtc - offsetMinutes(asUtc, timeZone) * 60000;
  instant = asUtc - offsetMinutes(instant, timeZone) * 60000;
  return new Date(instant);
};

/** The wall time (and weekday) of an instant in the zone. */
export const wallTimeOf = (
  instant: Date,
  timeZone: string
): WallTime & { readonly weekday: WeekdayNumber } => {
  const p = partsAt(instant.getTime(), timeZone);
  const weekday = WEEKDAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()] ?? 0;
  return {
    year: p.year,
    month: p.month,
    day: p.day,
    hour: p.hour,
    minute: p.minute,
    weekday,
  };
};
