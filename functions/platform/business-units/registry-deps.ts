import { businessUnitStore } from '#shared/data/business-unit-store.ts';
import type { DataStores } from '#shared/data/data-stores.ts';
import { tableFromEnv } from '#shared/data/table-from-env.ts';
import { unassignedValueStore } from '#shared/data/unassigned-value-store.ts';
import { unitAttributionStore } from '#shared/data/unit-attribution-store.ts';
import { now } from '#shared/kernel/clock.ts';

/** What the registry's use cases use: the registry, the unassigned values, the moves. */
export type RegistryDeps = Pick<
  DataStores,
  'businessUnits' | 'unassignedValues' | 'unitAttribution'
> & { readonly now: () => Date };

/** Cold-start wiring of the registry's handlers: only these stores (table-from-env.ts). */
export const registryDepsFromEnv = (): RegistryDeps => {
  const table = tableFromEnv();
  return {
    businessUnits: businessUnitStore(table),
    unassignedValues: unassignedValueStore(table),
    unitAttribution: unitAttributionStore(table),
    now,
  };
};
