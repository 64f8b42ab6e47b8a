import type { BusinessUnit } from '#shared/data/business-unit.ts';
import type { AliasInput } from './business-units-api.schema.ts';
import { storedAlias, unitOrMissing } from './business-unit-admin.service.ts';
import { reattribute, type Reattribution } from './reattribute.service.ts';
import type { RegistryDeps } from './registry-deps.ts';
import { RegistryConflictError } from './registry-errors.ts';

/** How long one request re-attributes before it answers (`complete: false`: call again). */
export const REATTRIBUTE_BUDGET_MS = 20_000;

/**
 * Adds an alias to a unit, then re-attributes what was recorded as unassigned under it.
 * The alias held by another unit: 409 naming it. Held by this unit already: nothing is
 * written and the re-attribution runs again (how a run cut short is finished).
 */
export const addAlias = async (
  deps: RegistryDeps,
  unitId: string,
  input: AliasInput,
  by: string
): Promise<{ unit: BusinessUnit; reattributed: Reattribution }> => {
  const alias = storedAlias(input);
  const ref = { source: alias.source, value: alias.normalised };
  const started = deps.now().getTime();
  let unit = await unitOrMissing(deps, unitId);
  const heldBy = await deps.businessUnits.holderOf(ref);
  if (heldBy !== undefined && heldBy !== unitId)
    throw new RegistryConflictError({ kind: 'alias-held', alias, heldBy }, 'value');
  if (heldBy === undefined) {
    const at = deps.now().toISOString();
    const conflict = await deps.businessUnits.changeAliases(unit, {
      add: [alias],
      remove: [],
      at,
      by,
    });
    if (conflict) throw new RegistryConflictError(conflict, 'value');
    unit = {
      ...unit,
      aliases: [...unit.aliases, alias],
      version: unit.version + 1,
      updatedAt: at,
      updatedBy: by,
    };
  }
  const reattributed = await reattribute(deps, unitId, ref, started + REATTRIBUTE_BUDGET_MS);
  return { unit, reattributed };
};

/**
 * Removes an alias of a unit. What it attributed stays with the unit; tickets that send the
 * value from now on are unassigned again (within a minute: intake keeps a found alias that long).
 */
export const removeAlias = async (
  deps: RegistryDeps,
  unitId: string,
  input: AliasInput,
  by: string
): Promise<BusinessUnit> => {
  const alias = storedAlias(input);
  const unit = await unitOrMissing(deps, unitId);
  const held = unit.aliases.find(
    (a) => a.source === alias.source && a.normalised === alias.normalised
  );
  if (!held) throw new RegistryConflictError({ kind: 'unit-missing' }, 'value');
  const at = deps.now().toISOString();
  const conflict = await deps.businessUnits.changeAliases(unit, {
    add: [],
    remove: [held],
    at,
    by,
  });
  if (conflict) throw new RegistryConflictError(conflict, 'value');
  return {
    ...unit,
    aliases: unit.aliases.filter((a) => a !== held),
    version: unit.version + 1,
    updatedAt: at,
    updatedBy: by,
  };
};
