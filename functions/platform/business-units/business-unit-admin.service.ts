import type { BusinessUnit, StoredAlias } from '#shared/data/business-unit.ts';
import { normaliseAliasValue } from '#shared/kernel/business-unit-alias.ts';
import type { AliasInput, CreateUnitInput, UpdateUnitInput } from './business-units-api.schema.ts';
import type { RegistryDeps } from './registry-deps.ts';
import { RegistryConflictError } from './registry-errors.ts';

export const storedAlias = (alias: AliasInput): StoredAlias => ({
  source: alias.source,
  value: alias.value.trim(),
  normalised: normaliseAliasValue(alias.value),
});

/** The unit, or the 404 conflict. */
export const unitOrMissing = async (deps: RegistryDeps, unitId: string): Promise<BusinessUnit> => {
  const unit = await deps.businessUnits.find(unitId);
  if (!unit) throw new RegistryConflictError({ kind: 'unit-missing' }, 'id');
  return unit;
};

/** Registers a unit with its aliases; an id taken or an alias held by another unit: 409. */
export const createUnit = async (
  deps: RegistryDeps,
  input: CreateUnitInput,
  by: string
): Promise<BusinessUnit> => {
  const at = deps.now().toISOString();
  const aliases = input.aliases.map(storedAlias);
  const unit: BusinessUnit = {
    unitId: input.unitId,
    names: input.names,
    keyCustomers: input.keyCustomers,
    ...(input.qualityOwner ? { qualityOwner: input.qualityOwner } : {}),
    active: input.active,
    aliases,
    version: 0,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    updatedBy: by,
  };
  const conflict = await deps.businessUnits.create(unit);
  if (conflict) {
    const index = conflict.kind === 'alias-held' ? aliases.indexOf(conflict.alias) : -1;
    throw new RegistryConflictError(conflict, index >= 0 ? `aliases.${String(index)}` : 'unitId');
  }
  return unit;
};

/** Replaces the fields given (names, key customers, quality owner, active) on top of the version read. */
export const updateUnit = async (
  deps: RegistryDeps,
  unitId: string,
  change: UpdateUnitInput,
  by: string
): Promise<BusinessUnit> => {
  const unit = await unitOrMissing(deps, unitId);
  const defined = {
    ...(change.names ? { names: change.names } : {}),
    ...(change.keyCustomers ? { keyCustomers: change.keyCustomers } : {}),
    ...(change.qualityOwner ? { qualityOwner: change.qualityOwner } : {}),
    ...(change.active === undefined ? {} : { active: change.active }),
  };
  const stamp = { updatedAt: deps.now().toISOString(), updatedBy: by };
  const conflict = await deps.businessUnits.update(unit, { ...defined, ...stamp });
  if (conflict) throw new RegistryConflictError(conflict, '(body)');
  return { ...unit, ...defined, ...stamp, version: unit.version + 1 };
};
