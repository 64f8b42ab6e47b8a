import type { AliasRef } from '../kernel/business-unit-alias.ts';
import { businessUnitSchema, type BusinessUnit, type StoredAlias } from './business-unit.ts';
import { allOf, equals, exists } from './expression.ts';
import {
  itemStore,
  NEW_ITEM,
  primaryKeyOf,
  type Item,
  type ItemStore,
  type Table,
} from './item-store.ts';
import {
  businessUnitKey,
  businessUnitListEntry,
  businessUnitListPartition,
  unitAliasKey,
} from './keys.ts';
import { transactWrite, conditionFailed } from './transact.ts';

/** Why a registry write did not apply; nothing of it was written. */
export type RegistryConflict =
  | { readonly kind: 'unit-exists' }
  | { readonly kind: 'unit-missing' }
  /** Another write changed the unit since it was read: read it again and retry. */
  | { readonly kind: 'unit-changed' }
  | { readonly kind: 'alias-held'; readonly alias: StoredAlias; readonly heldBy: string };

const aliasItem = (unitId: string, alias: StoredAlias, at: string) => ({
  ...unitAliasKey(alias.source, alias.normalised),
  unitId,
  source: alias.source,
  value: alias.value,
  createdAt: at,
});

const holderOf = (item: Item | undefined): string | undefined =>
  typeof item?.unitId === 'string' ? item.unitId : undefined;

const parse = (item: Item | undefined) => {
  const parsed = businessUnitSchema.safeParse(item);
  return parsed.success ? parsed.data : undefined;
};

/** Which of the given aliases another unit holds (read after a refused write). */
const heldAlias = async (
  items: ItemStore,
  unitId: string,
  aliases: readonly StoredAlias[]
): Promise<RegistryConflict | undefined> => {
  for (const alias of aliases) {
    const heldBy = holderOf(await items.get(unitAliasKey(alias.source, alias.normalised)));
    if (heldBy !== undefined && heldBy !== unitId) return { kind: 'alias-held', alias, heldBy };
  }
  return undefined;
};
interface AliasChange {
  readonly add: readonly StoredAlias[];
  readonly remove: readonly StoredAlias[];
  readonly at: string;
  readonly by: string;
}

/** The unit's new alias list (on top of the version read), the added and the removed aliases. */
const aliasChangeItems = (items: ItemStore, unit: BusinessUnit, change: AliasChange) => {
  const kept = unit.aliases.filter(
    (alias) =>
      !change.remove.some((r) => r.source === alias.source && r.normalised === alias.normalised)
  );
  return [
    items.updateItem({
      key: businessUnitKey(unit.unitId),
      set: {
        aliases: [...kept, ...change.add],
        version: unit.version + 1,
        updatedAt: change.at,
        updatedBy: change.by,
      },
      when: allOf(exists('pk'), equals('version', unit.version)),
    }),
    ...change.add.map((alias) => items.putItem(aliasItem(unit.unitId, alias, change.at), NEW_ITEM)),
    ...change.remove.map((alias) =>
      items.deleteItem(unitAliasKey(alias.source, alias.normalised), equals('unitId', unit.unitId))
    ),
  ];
};

const unitWrites = (table: Table, items: ItemStore) => {
  return {
    /** Creates a unit with its aliases, all or nothing. */
    create: async (unit: BusinessUnit): Promise<RegistryConflict | undefined> => {
      try {
        await transactWrite(table.db, {
          TransactItems: [
            items.putItem(
              { ...businessUnitKey(unit.unitId), ...businessUnitListEntry(unit.unitId), ...unit },
              NEW_ITEM
            ),
            ...unit.aliases.map((alias) =>
              items.putItem(aliasItem(unit.unitId, alias, unit.createdAt), NEW_ITEM)
            ),
          ],
        });
        return undefined;
      } catch (error) {
        if (conditionFailed(error, 0)) return { kind: 'unit-exists' };
        const held = await heldAlias(items, unit.unitId, unit.aliases);
        if (held) return held;
        throw error;
      }
    },

    /**
     * Writes a unit's changed fields on top of the version read (aliases change with
     * `changeAliases`): a concurrent change makes it `unit-changed`.
     */
    update: async (
      unit: BusinessUnit,
      change: Partial<Pick<BusinessUnit, 'names' | 'keyCustomers' | 'qualityOwner' | 'active'>> &
        Pick<BusinessUnit, 'updatedAt' | 'updatedBy'>
    ): Promise<RegistryConflict | undefined> => {
      const { applied } = await items.update({
        key: businessUnitKey(unit.unitId),
        set: { ...change, version: unit.version + 1 },
        when: allOf(exists('pk'), equals('version', unit.version)),
      });
      return applied ? undefined : { kind: 'unit-changed' };
    },

    /**
     * Adds and removes aliases of a unit with its new alias list, in one transaction on top of
     * the version read: an added alias another unit holds refuses all of it.
     */
    changeAliases: async (
      unit: BusinessUnit,
      change: AliasChange
    ): Promise<RegistryConflict | undefined> => {
      try {
        await transactWrite(table.db, {
          TransactItems: aliasChangeItems(items, unit, change),
        });
        return undefined;
      } catch (error) {
        if (conditionFailed(error, 0)) return { kind: 'unit-changed' };
        const held = await heldAlias(items, unit.unitId, change.add);
        if (held) return held;
        throw error;
      }
    },
  };
};

const unitReads = (items: ItemStore) => ({
  find: async (unitId: string): Promise<BusinessUnit | undefined> =>
    parse(await items.get(businessUnitKey(unitId))),

  /** One page of the registered units, by id, from `start` (the `next` of the page before). */
  page: async (query: {
    readonly limit: number;
    readonly start?: Record<string, unknown> | undefined;
  }): Promise<{ units: BusinessUnit[]; next: Record<string, unknown> | undefined }> => {
    const page = await items.queryPage(businessUnitListPartition, query);
    const found = await items.batchGet(
      page.items.flatMap((entry) => {
        const key = primaryKeyOf(entry);
        return key ? [key] : [];
      })
    );
    return {
      units: found.flatMap((item) => {
        const unit = parse(item);
        return unit ? [unit] : [];
      }),
      next: page.next,
    };
  },

  /** The unit holding an alias, if any (a strongly consistent read). */
  holderOf: async (alias: AliasRef): Promise<string | undefined> =>
    holderOf(await items.get(unitAliasKey(alias.source, alias.value))),

  /**
   * The unit of the first of these aliases that one holds: one BatchGetItem for all of
   * them (intake's only read for a ticket's unit), eventually consistent.
   */
  resolve: async (refs: readonly AliasRef[]): Promise<string | undefined> => {
    if (refs.length === 0) return undefined;
    const found = await items.batchGet(refs.map((ref) => unitAliasKey(ref.source, ref.value)));
    for (const ref of refs) {
      const key = unitAliasKey(ref.source, ref.value);
      const unitId = holderOf(found.find((item) => item.pk === key.pk));
      if (unitId !== undefined) return unitId;
    }
    return undefined;
  },
});

/**
 * The business-unit registry: one item per unit (on the lookup index) and one per alias,
 * keyed by its source and normalised value, so resolving a ticket's unit is a read by key and a
 * conditional put refuses an alias another unit holds. A unit and its aliases change in one
 * transaction.
 */
export const businessUnitStore = (table: Table) => {
  const items = itemStore(table);
  return { ...unitReads(items), ...unitWrites(table, items) };
};
export type BusinessUnitStore = ReturnType<typeof businessUnitStore>;
