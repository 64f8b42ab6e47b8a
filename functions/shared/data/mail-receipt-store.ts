import { z } from 'zod';
import { itemStore, NEW_ITEM, type Table } from './item-store.ts';
import { epochSeconds, mailReceiptKey, TTL_ATTRIBUTE } from './keys.ts';

/**
 * A receipt is asked for within minutes of its attempt (the workflow's retries); a day
 * keeps it well past the longest retry, then TTL deletes it.
 */
const RECEIPT_RETENTION_SECONDS = 86400;

/**
 * What is known of one send attempt: SES took it (its Send event names the attempt) with
 * this message id, or SES answered it with an error, so nothing was sent.
 */
export const mailReceiptSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('sent'), messageId: z.string().min(1), at: z.string() }),
  z.object({ outcome: z.literal('refused'), at: z.string() }),
]);
export type MailReceipt = z.infer<typeof mailReceiptSchema>;

/**
 * The mail receipts (docs/data-model.md): the answer to "did SES take attempt X?" after a
 * send whose outcome is unknown (a timeout, a reset connection), so a retry never mails twice.
 */
export const mailReceiptStore = (table: Table) => {
  const items = itemStore(table);
  const item = (attemptId: string, receipt: MailReceipt, now: Date) => ({
    ...mailReceiptKey(attemptId),
    attemptId,
    ...receipt,
    [TTL_ATTRIBUTE]: epochSeconds(now) + RECEIPT_RETENTION_SECONDS,
  });
  return {
    /** The receipt of an attempt, if any (undefined: SES has not reported it, yet or ever). */
    find: async (attemptId: string): Promise<MailReceipt | undefined> => {
      const parsed = mailReceiptSchema.safeParse(await items.get(mailReceiptKey(attemptId)));
      return parsed.success ? parsed.data : undefined;
    },
    /** SES reported the attempt sent (a Send event); a repeated event writes the same. */
    recordSent: async (attemptId: string, messageId: string, now: Date): Promise<void> => {
      await items.put(item(attemptId, { outcome: 'sent', messageId, at: now.toISOString() }, now));
    },
    /** SES answered the attempt with an error: nothing was sent (never over a Send receipt). */
    recordRefused: async (attemptId: string, now: Date): Promise<void> => {
      await items.put(
        item(attemptId, { outcome: 'refused', at: now.toISOString() }, now),
        NEW_ITEM
      );
    },
  };
};
export type MailReceiptStore = ReturnType<typeof mailReceiptStore>;
