import type { DataStores } from '#shared/data/data-stores.ts';
import { attemptOf, type SesSendEvent } from './ses-event.schema.ts';

export interface RecordMailReceiptDeps extends Pick<DataStores, 'mailReceipts'> {
  readonly now: () => Date;
}

/**
 * Records that SES took a send attempt, under the attempt's id, with SES's message id: what
 * a mail task asks after a send whose answer it never got. A mail without the attempt tag
 * (a case mail) has nothing to record; a repeated event writes the same receipt again.
 * @returns the attempt recorded, if any
 */
export const recordMailReceipt = async (
  deps: RecordMailReceiptDeps,
  event: SesSendEvent
): Promise<string | undefined> => {
  const attemptId = attemptOf(event);
  if (attemptId === undefined) return undefined;
  await deps.mailReceipts.recordSent(attemptId, event.detail.mail.messageId, deps.now());
  return attemptId;
};
