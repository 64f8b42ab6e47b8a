import { randomBytes } from 'node:crypto';
import { caseEventSchema, type CaseEvent } from './case-event.ts';
import { itemStore, NEW_ITEM, type Table, type TransactItem } from './item-store.ts';
import { caseEventKey, caseEventsQuery } from './keys.ts';

export type NewCaseEvent = Omit<CaseEvent, 'eventId'>;

const withId = (event: NewCaseEvent): CaseEvent => ({
  ...event,
  eventId: randomBytes(6).toString('hex'),
});

/**
 * A case's timeline events (case-event.ts), one item each beside the case item: written
 * once, never changed, read in time order by one query of the case's partition.
 */
export const caseEventStore = (table: Table) => {
  const items = itemStore(table);
  const item = (event: CaseEvent) => ({
    ...caseEventKey(event.followUpId, event.at, event.eventId),
    ...event,
  });
  return {
    record: async (event: NewCaseEvent): Promise<void> => {
      await items.put(item(withId(event)), NEW_ITEM);
    },
    /** The same write as a TransactWrite part (with the change it records). */
    recordItem: (event: NewCaseEvent): TransactItem => items.putItem(item(withId(event)), NEW_ITEM),
    /** The case's events, earliest first; an item of another shape is left out. */
    list: async (followUpId: string): Promise<CaseEvent[]> => {
      const { partition, range } = caseEventsQuery(followUpId);
      const found = await items.query(partition, { range });
      return found.flatMap((found) => {
        const parsed = caseEventSchema.safeParse(found);
        return parsed.success ? [parsed.data] : [];
      });
    },
  };
};
export type CaseEventStore = ReturnType<typeof caseEventStore>;
