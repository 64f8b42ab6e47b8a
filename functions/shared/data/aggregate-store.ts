import {
  aggregateSchema,
  type AggregateItem,
  type AggregateTarget,
  type Counter,
} from './aggregate.ts';
import { itemStore, queryThenGet, type Item, type Table, type TransactItem } from './item-store.ts';
import {
  csiAggregateDayRange,
  csiAggregateKey,
  csiAggregateMonthEntry,
  csiAggregateMonthPartition,
  csiAggregateUnitPartition,
} from './keys.ts';

/** The months `YYYY-MM` from the month of `from` to the month of `to`. */
const monthsBetween = (from: string, to: string): string[] => {
  const months: string[] = [];
  const cursor = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  const end = new Date(`${to.slice(0, 7)}-01T00:00:00Z`);
  while (cursor <= end) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
};

const parsed = (items: readonly Item[]): AggregateItem[] =>
  items.flatMap((item) => {
    const result = aggregateSchema.safeParse(item);
    return result.success ? [result.data] : [];
  });

/**
 * The CSI counters per day × business unit × service. One partition per business unit (a
 * unit's days are one query), and each item on the lookup index under its month too (all
 * units' days of a month are one query), so no counter update works on one hot partition.
 */
export const aggregateStore = (table: Table) => {
  const items = itemStore(table);
  return {
    /**
     * The TransactWrite part that adds to the counters of a survey's or case's day (zero
     * changes left out); it goes into the transaction that changes what they count.
     */
    addItem: (target: AggregateTarget, changes: Partial<Record<Counter, number>>): TransactItem =>
      items.updateItem({
        key: csiAggregateKey(target.aggregateDay, target.aggregateDimension),
        set: {
          day: target.aggregateDay,
          dimension: target.aggregateDimension,
          businessUnitName: target.businessUnitRaw?.name ?? '-',
          serviceName: target.service?.name ?? '-',
        },
        // Written once: later updates leave the index keys as they are.
        setIfAbsent: csiAggregateMonthEntry(target.aggregateDay, target.aggregateDimension),
        add: changes,
      }),

    /** Every unit's aggregates of the days `from`…`to` (inclusive): one query per month. */
    daysBetween: async (from: string, to: string): Promise<AggregateItem[]> => {
      const found: AggregateItem[] = [];
      for (const month of monthsBetween(from, to)) {
        const range = csiAggregateDayRange(from, to);
        // The month index holds keys only (an aggregate changes on every counted event,
        // and a copy of its counters would be rewritten each time): read them by key.
        const entries = await queryThenGet(items, csiAggregateMonthPartition(month), { range });
        found.push(...parsed(entries));
      }
      return found;
    },

    /** One business unit's aggregates of the days `from`…`to` (its key part: id, else name). */
    unitDays: async (unit: string, from: string, to: string): Promise<AggregateItem[]> =>
      parsed(
        await items.query(csiAggregateUnitPartition(unit), {
          range: csiAggregateDayRange(from, to),
        })
      ),
  };
};
export type AggregateStore = ReturnType<typeof aggregateStore>;
