import { z } from 'zod';
import {
  GSI1,
  PRIMARY_KEY,
  ticketSourcePrefix,
  ticketSurveysPartition,
} from '#shared/data/keys.ts';
import { cursorParameter } from '#shared/http/cursor.ts';

/** Strict: an unknown parameter is a 400, not silently ignored. */
export const surveysQuerySchema = z.strictObject({
  ticketId: z.string().min(1).max(200),
  source: z.string().min(1).max(50).optional(),
  businessUnit: z.string().min(1).max(200).optional().meta({
    description: "Only this business unit's surveys (its id); a unit viewer's own units without it",
  }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .optional()
    .meta({ description: 'The `nextCursor` of the page before (opaque; a bad one is a 400)' }),
});

/** The cursor of one ticket's surveys (of one source, if asked), checked against that list. */
export const surveysCursorSchema = (ticketId: string, source: string | undefined) =>
  z.strictObject({
    cursor: cursorParameter(
      [PRIMARY_KEY.pk, PRIMARY_KEY.sk, GSI1.pk, GSI1.sk],
      { attribute: GSI1.pk, value: ticketSurveysPartition(ticketId).value },
      source === undefined ? undefined : { attribute: GSI1.sk, prefix: ticketSourcePrefix(source) }
    ).optional(),
  });
