import { z } from 'zod';
import { FOLLOW_UP_STATUSES } from '#shared/data/follow-up.ts';
import { PRIMARY_KEY, followUpWorkListPartition } from '#shared/data/keys.ts';
import { cursorParameter } from '#shared/http/cursor.ts';

/** Strict: an unknown parameter (`team=`, a typo) is a 400, not silently ignored. */
export const followUpsQuerySchema = z.strictObject({
  status: z.enum(FOLLOW_UP_STATUSES).default('open'),
  businessUnit: z.string().min(1).max(200).optional().meta({
    description: "One business unit's cases (its id); a unit viewer's own units without it",
  }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .optional()
    .meta({ description: 'The `nextCursor` of the page before (opaque; a bad one is a 400)' }),
});

/** The cursor of a status's work list (all units', or one unit's), checked against that list. */
export const followUpsCursorSchema = (
  status: (typeof FOLLOW_UP_STATUSES)[number],
  unit?: string
) => {
  const partition = followUpWorkListPartition(status, unit);
  return z.strictObject({
    cursor: cursorParameter(
      [PRIMARY_KEY.pk, PRIMARY_KEY.sk, partition.index.pk, partition.index.sk],
      {
        attribute: partition.index.pk,
        value: partition.value,
      }
    ).optional(),
  });
};

export const followUpIdSchema = z.object({ id: z.string().regex(/^[a-f0-9]{32}$/) });
