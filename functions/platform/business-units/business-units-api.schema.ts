import { z } from 'zod';
import { KEY_CUSTOMER_ROLES } from '#shared/data/business-unit.ts';
import {
  businessUnitListPartition,
  GSI1,
  PRIMARY_KEY,
  unassignedListPartition,
  type Partition,
} from '#shared/data/keys.ts';
import { cursorParameter } from '#shared/http/cursor.ts';
import {
  ALIAS_SOURCES,
  normaliseAliasValue,
  UNASSIGNED,
} from '#shared/kernel/business-unit-alias.ts';

/**
 * The registry's admin API input (docs/business-units.md#api). Every object is strict: an
 * unknown field is a 400 naming it, never ignored; nothing is written on any error.
 */
export const unitIdSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a slug: lower-case latin letters, digits, single hyphens');

/** A new unit's id: `unassigned` is what intake records for a value no alias knows. */
const newUnitId = unitIdSchema.refine((id) => id !== UNASSIGNED, 'reserved for unmapped values');

const name = z.string().trim().min(1, 'must not be empty').max(200);
const email = z.string().trim().toLowerCase().pipe(z.email('an e-mail address').max(320));
const person = z.strictObject({ name, email });
const names = z.strictObject({ ru: name, en: name });
const keyCustomers = z
  .array(z.strictObject({ name, email, role: z.enum(KEY_CUSTOMER_ROLES) }))
  .max(20);

export const aliasSchema = z.strictObject({
  source: z.enum(ALIAS_SOURCES),
  value: z
    .string()
    .max(300)
    .refine((value) => normaliseAliasValue(value) !== '', 'must not be empty'),
});
export type AliasInput = z.infer<typeof aliasSchema>;

const aliasKey = (alias: AliasInput) => `${alias.source}#${normaliseAliasValue(alias.value)}`;

export const createUnitSchema = z
  .strictObject({
    unitId: newUnitId,
    names,
    keyCustomers: keyCustomers.default([]),
    qualityOwner: person.optional(),
    active: z.boolean().default(true),
    aliases: z.array(aliasSchema).max(50).default([]),
  })
  .superRefine((unit, context) => {
    const seen = new Set<string>();
    unit.aliases.forEach((alias, at) => {
      const key = aliasKey(alias);
      if (seen.has(key))
        context.addIssue({ code: 'custom', path: ['aliases', at], message: 'a duplicate alias' });
      seen.add(key);
    });
  });
export type CreateUnitInput = z.infer<typeof createUnitSchema>;

/** A change of a unit: the fields given replace the unit's; aliases have their own routes. */
export const updateUnitSchema = z
  .strictObject({
    names: names.optional(),
    keyCustomers: keyCustomers.optional(),
    qualityOwner: person.optional(),
    active: z.boolean().optional(),
  })
  .refine((change) => Object.keys(change).length > 0, {
    error: 'names, keyCustomers, qualityOwner or active',
  });
export type UpdateUnitInput = z.infer<typeof updateUnitSchema>;

export const unitPathSchema = z.strictObject({ id: unitIdSchema });

/** `DELETE /v1/business-units/{id}/aliases/{source}/{value}`: the value URL-encoded. */
export const aliasPathSchema = z.strictObject({
  id: unitIdSchema,
  source: z.enum(ALIAS_SOURCES),
  value: z.string().min(1).max(900),
});

/** The query of a registry list: a page of `limit` (1–100, 50) from `cursor` (a `nextCursor`). */
const listQuery = (partition: Partition) =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: cursorParameter([PRIMARY_KEY.pk, PRIMARY_KEY.sk, GSI1.pk, GSI1.sk], {
      attribute: GSI1.pk,
      value: partition.value,
    })
      .optional()
      .meta({ description: 'The `nextCursor` of the page before (opaque; a bad one is a 400)' }),
  });
export const unitsQuerySchema = listQuery(businessUnitListPartition);
export const unassignedQuerySchema = listQuery(unassignedListPartition);
