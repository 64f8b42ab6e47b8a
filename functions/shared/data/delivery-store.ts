import { z } from 'zod';
import { itemStore, NEW_ITEM, type Table } from './item-store.ts';
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
 * How recording a delivery went: new; seen before for the same survey (a retry of this
 * delivery, also one whose first try stopped before its survey was written: it goes on); or
 * seen before otherwise (a reused id, a reopening's, a replay): a duplicate.
 */
export type DeliveryClaim = 'new' | 'retry' | 'duplicate';

const recorded = z.object({ surveyId: z.string().optional() });

/**
 * What intake remembers of the ticket systems: the webhook deliveries it took, by their
 * delivery id and by the hash of their signed content (so a repeated delivery changes
 * nothing, also one replayed under a new id), and each ticket's last reopening (so a close
 * after a reopening is a new resolution).
 */
export const deliveryStore = (table: Table) => {
  const items = itemStore(table);
  const once = async (
    key: Record<string, string>,
    at: Date,
    surveyId: string | undefined
  ): Promise<DeliveryClaim> => {
    const out = await items.putOrGetOld(
      {
        ...key,
        receivedAt: at.toISOString(),
        ...(surveyId === undefined ? {} : { surveyId }),
        [TTL_ATTRIBUTE]: epochSeconds(at) + DELIVERY_RETENTION_SECONDS,
      },
      NEW_ITEM
    );
    if (out.applied) return 'new';
    const seen = recorded.safeParse(out.old ?? {});
    return surveyId !== undefined && seen.success && seen.data.surveyId === surveyId
      ? 'retry'
      : 'duplicate';
  };
  return {
    /**
     * Records a delivery: its id, then the hash of its signed content when it has one (a
     * single conditional put each, 1 WRU, no transaction), with the survey it is about.
     * Stops at the first one seen for something else: a duplicate.
     */
    record: async (
      delivery: { readonly source: string; readonly deliveryId: string; readonly at: Date },
      signedHash: string | undefined,
      surveyId?: string
    ): Promise<DeliveryClaim> => {
      const { source, deliveryId, at } = delivery;
      const byId = await once(deliveryKey(source, deliveryId), at, surveyId);
      if (byId === 'duplicate' || signedHash === undefined) return byId;
      const bySignature = await once(signedContentKey(source, signedHash), at, surveyId);
      return bySignature === 'new' ? byId : bySignature;
    },
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
