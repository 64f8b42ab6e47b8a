import type { z } from 'zod';
import type { ItemStore, Key } from './item-store.ts';

/**
 * The two reads every entity store offers by id: `find` (undefined when absent) and `get`
 * (the entity's not-found error when absent, which handlers map to 404 and task handlers
 * pass to the workflow by name). Items are read back through the entity's schema.
 */
export const entityReads = <T>(
  items: ItemStore,
  keyOf: (id: string) => Key,
  schema: z.ZodType<T>,
  notFound: (id: string) => Error
) => {
  const find = async (id: string): Promise<T | undefined> => {
    const item = await items.get(keyOf(id));
    return item ? schema.parse(item) : undefined;
  };
  const get = async (id: string): Promise<T> => {
    const found = await find(id);
    if (!found) throw notFound(id);
    return found;
  };
  return { find, get };
};
