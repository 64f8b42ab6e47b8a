/**
 * ISO-8601 durations of fixed length (weeks, days, hours, minutes, seconds), e.g. PT10M,
 * P3D, P1DT12H, PT5S. Months and years are refused: their length depends on the date, and
 * every duration here becomes a number of seconds for a Step Functions timer.
 * (A dozen lines; no dependency needed for this subset.)
 */
const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export class InvalidDurationError extends Error {
  override name = 'InvalidDurationError';
}

export const durationSeconds = (text: string): number => {
  const match = PATTERN.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) {
    throw new InvalidDurationError(`not a fixed-length ISO-8601 duration: ${text}`);
  }
  const [, weeks, days, hours, minutes, seconds] = match.map((part: string | undefined) =>
    Number(part ?? 0)
  );
  return (
    (((weeks ?? 0) * 7 + (days ?? 0)) * 24 + (hours ?? 0)) * 3600 +
    (minutes ?? 0) * 60 +
    (seconds ?? 0)
  );
};

export const isDuration = (text: string): boolean => {
  try {
    durationSeconds(text);
    return true;
  } catch {
    return false;
  }
};
