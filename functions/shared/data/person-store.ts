import { emailKey } from '../kernel/tokens.ts';
import { absent, anyOf, lessThan } from './expression.ts';
import { itemStore, type Table } from './item-store.ts';
import { personKey } from './keys.ts';
import { personSchema, type Person } from './person.ts';

/**
 * People, by a hash of their normalised address: an address is never a key and never
 * stored here, so the profile of an opt-out says nothing about who it is.
 */
export const personStore = (table: Table) => {
  const items = itemStore(table);
  const keyOf = (email: string) => personKey(emailKey(email));
  return {
    find: async (email: string): Promise<Person | undefined> => {
      const item = await items.get(keyOf(email));
      return item ? personSchema.parse(item) : undefined;
    },
    /** Records the opt-out; repeating it keeps the first time. */
    optOut: async (email: string, at: string): Promise<void> => {
      await items.update({ key: keyOf(email), setIfAbsent: { optedOutAt: at } });
    },
    /**
     * Takes the opt-out back (the opt-out page's "subscribe again"): surveys are sent again,
     * within the cool-down as before. The time is kept, so a later question can be answered.
     */
    resubscribe: async (email: string, at: string): Promise<void> => {
      await items.update({
        key: keyOf(email),
        set: { resubscribedAt: at },
        remove: ['optedOutAt'],
      });
    },
    /**
     * Takes the person's survey slot at `at` if their last one is older than `notSince`.
     * @returns false when they were surveyed since (the cool-down holds)
     */
    claimSurveySlot: async (email: string, at: string, notSince: string): Promise<boolean> =>
      (
        await items.update({
          key: keyOf(email),
          set: { lastSurveyedAt: at },
          when: anyOf(absent('lastSurveyedAt'), lessThan('lastSurveyedAt', notSince)),
        })
      ).applied,
  };
};
export type PersonStore = ReturnType<typeof personStore>;
