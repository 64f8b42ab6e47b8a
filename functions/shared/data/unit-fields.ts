import { z } from 'zod';
import { unitKeyPart } from './keys.ts';

/** A business unit as the ticket system sent it (kept as `businessUnitRaw`). */
export const rawUnitSchema = z.object({ id: z.string().optional(), name: z.string() });

const isRawUnit = (value: unknown): value is z.infer<typeof rawUnitSchema> =>
  rawUnitSchema.safeParse(value).success;

/**
 * `businessUnit` of a survey, response or case: the registered unit's id, or `unassigned`.
 * An item written before the registry kept the raw value there; it reads as its old key part
 * (the id, else the name), which is what its aggregates and case lists were keyed by.
 */
export const unitIdField = z
  .preprocess((value) => (isRawUnit(value) ? unitKeyPart(value) : value), z.string())
  .optional();
