import { allOf, equals, exists } from './expression.ts';
import { itemStore, type Table } from './item-store.ts';
import { probeKey } from './keys.ts';

/** The callback probe's item (the probe workflow creates and answers it through its ASL). */
export const probeStore = (table: Table) => {
  const items = itemStore(table);
  return {
    /** Parks the task token on a waiting probe; false when no probe of that id waits. */
    parkTaskToken: async (probeId: string, taskToken: string): Promise<boolean> =>
      (
        await items.update({
          key: probeKey(probeId),
          set: { taskToken },
          when: allOf(exists('pk'), equals('status', 'waiting')),
        })
      ).applied,
  };
};
export type ProbeStore = ReturnType<typeof probeStore>;
