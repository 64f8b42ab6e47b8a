import { z } from 'zod';
import { ALIAS_SOURCES } from '../kernel/business-unit-alias.ts';

/** The roles of a unit's key customers: who reads its numbers and its committee papers. */
export const KEY_CUSTOMER_ROLES = ['cfo', 'hr-director', 'other'] as const;

const person = z.object({ name: z.string(), email: z.string() });

/** An alias as stored on its unit: the source, the value as entered, its normalised form. */
export const storedAliasSchema = z.object({
  source: z.enum(ALIAS_SOURCES),
  value: z.string(),
  normalised: z.string(),
});
export type StoredAlias = z.infer<typeof storedAliasSchema>;

/**
 * A business unit of the group the SSC serves (docs/business-units.md): its names, its key
 * customers, the SSC's quality owner for it, whether it is active, and the values ticket
 * systems send for it. `version` counts its changes: an alias change rewrites the list on
 * top of the version it read.
 */
export const businessUnitSchema = z.object({
  unitId: z.string(),
  names: z.object({ ru: z.string(), en: z.string() }),
  keyCustomers: z.array(person.extend({ role: z.enum(KEY_CUSTOMER_ROLES) })),
  qualityOwner: person.optional(),
  active: z.boolean(),
  aliases: z.array(storedAliasSchema),
  version: z.number().int().nonnegative(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type BusinessUnit = z.infer<typeof businessUnitSchema>;

/** What the admin API shows of a unit: everything but the bookkeeping of its alias list. */
export const publicBusinessUnit = (unit: BusinessUnit) => ({
  unitId: unit.unitId,
  names: unit.names,
  keyCustomers: unit.keyCustomers,
  qualityOwner: unit.qualityOwner,
  active: unit.active,
  aliases: unit.aliases.map((alias) => ({ source: alias.source, value: alias.value })),
  createdAt: unit.createdAt,
  createdBy: unit.createdBy,
  updatedAt: unit.updatedAt,
  updatedBy: unit.updatedBy,
});
