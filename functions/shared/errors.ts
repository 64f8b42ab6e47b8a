/**
 * Narrows a caught value: JavaScript can throw anything, and a non-Error must not be
 * mistaken for one of ours. Re-throws what is not an Error.
 */
export function assertIsError(value: unknown): asserts value is Error {
  if (!(value instanceof Error)) throw new Error(`non-error thrown: ${String(value)}`);
}

/** True when an AWS SDK error carries the given exception name. */
export const isAwsError = (value: unknown, name: string): boolean =>
  value instanceof Error && value.name === name;
