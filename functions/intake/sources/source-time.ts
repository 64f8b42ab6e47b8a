import { offsetMinutes } from '#shared/kernel/zoned-time.ts';

/**
 * Times from ticket systems, to ISO-8601 UTC:
 * - ISO-8601 with an offset (`2024-06-10T09:34:56Z`, `…+03:00`, Jira's `…+0000`): as given;
 * - minute precision (`2024-06-10T09:34Z`, Zendesk's placeholders);
 * - no zone at all (`2024-06-10 09:34:56`, Naumen's script dates, or ISO without offset):
 *   read in the source's configured time zone (IANA, e.g. Europe/Moscow).
 */
export class InvalidSourceTimeError extends Error {
  override name = 'InvalidSourceTimeError';
}

const ZONED = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

export const toUtcIso = (value: string, timeZone: string): string => {
  const text = value.trim();
  const zoned = ZONED.exec(text);
  if (zoned) {
    const [, date, hm, seconds = ':00', zone = 'Z'] = zoned;
    const offset =
      zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    const parsed = Date.parse(`${date}T${hm}${seconds}${offset}`);
    if (Number.isNaN(parsed)) throw new InvalidSourceTimeError(`not a time: ${value}`);
    return new Date(parsed).toISOString();
  }
  const local = LOCAL.exec(text);
  if (!local) throw new InvalidSourceTimeError(`not a time: ${value}`);
  const [, y, mo, d, h, mi, s = '0'] = local.map((part: string | undefined) => part);
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // The offset at the wall time read as UTC, then corrected once for a DST edge.
  let instant = wall - offsetMinutes(wall, timeZone) * 60000;
  instant = wall - offsetMinutes(instant, timeZone) * 60000;
  return new Date(instant).toISOString();
};
