/**
 * Reads a value from a native payload by dotted paths: `issue.fields.summary`,
 * `customfield_10002[0].name`, `completedCycles[-1].breached` (last item). Several paths
 * are tried in order; the first that gives a value other than null, undefined or '' wins.
 * Mapping tables are data, so an installation overrides a path in configuration.
 */
const step = (value: unknown, key: string): unknown => {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const index = Number(key);
    if (!Number.isInteger(index)) return undefined;
    return value[index < 0 ? value.length + index : index];
  }
  if (typeof value === 'object') {
    const found: unknown = Reflect.get(value, key);
    return found;
  }
  return undefined;
};

export const readPath = (payload: unknown, path: string): unknown =>
  path
    .replace(/\[(-?\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .reduce<unknown>((value, key) => step(value, key), payload);

export const pick = (payload: unknown, paths: readonly string[]): unknown => {
  for (const path of paths) {
    const value = readPath(payload, path);
    if (value !== null && value !== undefined && value !== '') return value;
  }
  return undefined;
};

/** A scalar as text (ids and numbers arrive as either), or undefined. */
export const asText = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
};
