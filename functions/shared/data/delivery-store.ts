import { z } from 'zod';
import { itemStore, NEW_ITEM, type Table, type TransactItem } from './item-store.ts';
import {
  deliveryKey,
  epochSeconds,
  signedContentKey,
  ticketStateKey,
  TTL_ATTRIBUTE,
} from './keys.ts';

/** Delivery ids are kept a week: longer than any sender retries (Jira: up to ~30 min late). */
const DELIVERY_RETENTION_SECONDS = 7 * 86400;

const ticketStateSchema = z.object({ reopenedAt: z.string().optional() });

/**
 * What intake remembers of the ticket systems: the webhook deliveries it took, by their
 * delivery id and by the hash of their signed content (so a repeated delivery changes
 * nothing, also one replayed under a new id), and each ticket's last reopening (so a close
 * after a reopening is a new resolution).
 */
export const deliveryStore = (table: Table) => {
  const items = itemStore(table);
  const once = (key: Record<string, string>, at: Date): TransactItem =>
    items.putItem(
      {
        ...key,
        receivedAt: at.toISOString(),
        [TTL_ATTRIBUTE]: epochSeconds(at) + DELIVERY_RETENTION_SECONDS,
      },
      NEW_ITEM
    );
  return {
    /** The TransactWrite part that records a delivery id (fails for one seen before). */
    recordItem: (source: string, deliveryId: string, at: Date): TransactItem =>
      once(deliveryKey(source, deliveryId), at),
    /**
     * The TransactWrite parts that record a delivery: its id, then the hash of its signed
     * content when it has one; each fails for one seen before.
     */
    recordItems: (
      source: string,
      deliveryId: string,
      signedHash: string | undefined,
      at: Date
    ): TransactItem[] => [
      once(deliveryKey(source, deliveryId), at),
      ...(signedHash === undefined ? [] : [once(signedContentKey(source, signedHash), at)]),
    ],
    /** When the ticket was last reopened, if ever. */
    reopenedAt: async (source: string, ticketId: string): Promise<string | undefined> => {
      const state = ticketStateSchema.safeParse(await items.get(ticketStateKey(source, ticketId)));
      return state.success ? state.data.reopenedAt : undefined;
    },
    markReopened: async (source: string, ticketId: string, at: string): Promise<void> => {
      await items.put({ ...ticketStateKey(source, ticketId), reopenedAt: at });
    },
  };
};
export type DeliveryStore = ReturnType<typeof deliveryStore>;
