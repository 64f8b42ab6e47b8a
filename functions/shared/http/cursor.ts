import { z } from 'zod';

/**
 * The `cursor` of a paginated admin list: where the next page starts, opaque to the
 * caller (base64url of the store's own start key). Decoded and checked before any read:
 * it must be a flat object of the list's key attributes, all strings, in the list's own
 * partition, so a cursor of another list, an edited one or garbage gets a 400 that says
 * to start again, never a DynamoDB error (a 500).
 */
const CURSOR_PROBLEM = 'not a cursor of this list: start again without it';

export const encodeCursor = (next: Record<string, unknown> | undefined): string | undefined =>
  next === undefined ? undefined : Buffer.from(JSON.stringify(next), 'utf8').toString('base64url');

/**
 * A query parameter schema for the cursors of one list.
 * @param attributes the key attributes its start key has (table and index keys)
 * @param partition the index's partition attribute and the value it must have
 * @param sortPrefix for a list narrowed to a sort-key prefix (one source's surveys): the
 *   index's sort attribute and that prefix. DynamoDB refuses a start key outside the
 *   query's key condition (a ValidationException, a 500), so it is checked here.
 */
export const cursorParameter = (
  attributes: readonly string[],
  partition: { readonly attribute: string; readonly value: string },
  sortPrefix?: { readonly attribute: string; readonly prefix: string }
) =>
  z
    .string()
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+$/, CURSOR_PROBLEM)
    .transform((cursor, context) => {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        decoded = undefined;
      }
      const key = z
        .record(z.enum(attributes), z.string().min(1).max(1024))
        .refine((k) => Object.keys(k).length === attributes.length)
        .safeParse(decoded);
      const inRange = (start: Record<string, string>) =>
        start[partition.attribute] === partition.value &&
        (sortPrefix === undefined ||
          (start[sortPrefix.attribute] ?? '').startsWith(sortPrefix.prefix));
      if (!key.success || !inRange(key.data)) {
        context.addIssue({ code: 'custom', message: CURSOR_PROBLEM });
        return z.NEVER;
      }
      const start: Record<string, unknown> = key.data;
      return start;
    });
