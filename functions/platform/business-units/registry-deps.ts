import type { DataStores } from '#shared/data/data-stores.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';

/** What the registry's use cases use: the registry, the unassigned values, the moves. */
export type RegistryDeps = Pick<
  DataStores,
  'businessUnits' | 'unassignedValues' | 'unitAttribution'
> & { readonly now: () => Date };

/** Cold-start wiring of the registry's handlers. */
export const registryDepsFromEnv = (): RegistryDeps => storeFromEnv();
