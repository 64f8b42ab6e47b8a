import { z } from 'zod';
import { GSI1, GSI2, PRIMARY_KEY, auditLogPartition } from '#shared/data/keys.ts';
import { cursorParameter } from '#shared/http/cursor.ts';

/** A day (the whole of it) or an instant. */
const when = z.union([z.iso.date(), z.iso.datetime()]);

/** Strict: an unknown parameter is a 400, not silently ignored. */
export const auditQuerySchema = z
  .strictObject({
    from: when.meta({ description: 'From this day or instant (inclusive)' }),
    to: when.meta({ description: 'To this day or instant (inclusive)' }),
    actor: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: "One actor's records (their subject, `sub`)" }),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z
      .string()
      .optional()
      .meta({ description: 'The `nextCursor` of the page before (opaque; a bad one is a 400)' }),
  })
  .refine((q) => q.from <= q.to, { error: 'from must not be after to', path: ['from'] });

/** The cursor of everyone's log or one actor's, checked against that list. */
export const auditCursorSchema = (actor: string | undefined) => {
  const partition = auditLogPartition(actor);
  const index = actor === undefined ? GSI2 : GSI1;
  return z.strictObject({
    cursor: cursorParameter([PRIMARY_KEY.pk, PRIMARY_KEY.sk, index.pk, index.sk], {
      attribute: partition.index.pk,
      value: partition.value,
    }).optional(),
  });
};
