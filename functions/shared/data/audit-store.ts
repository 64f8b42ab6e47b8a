import { randomBytes } from 'node:crypto';
import { auditRecordSchema, type AuditRecord } from './audit-record.ts';
import { itemStore, NEW_ITEM, primaryKeyOf, type Table, type TransactItem } from './item-store.ts';
import {
  auditKey,
  auditLogEntries,
  auditLogPartition,
  auditLogRange,
  epochSeconds,
  TTL_ATTRIBUTE,
} from './keys.ts';

export type NewAuditRecord = Omit<AuditRecord, 'auditId'>;

export interface AuditPageQuery {
  readonly from: string;
  readonly to: string;
  /** One actor's records (their subject); everyone's without it. */
  readonly actor?: string | undefined;
  readonly limit: number;
  readonly start?: Record<string, unknown> | undefined;
}

const DAY_MS = 86_400_000;

/**
 * The audit log: one item per record, on everyone's list and its actor's, newest first;
 * each expires `retentionDays` after it was written (the table's TTL deletes it).
 */
export const auditStore = (table: Table) => {
  const items = itemStore(table);
  const item = (record: NewAuditRecord, retentionDays: number) => {
    const auditId = randomBytes(8).toString('hex');
    return {
      ...auditKey(auditId),
      ...auditLogEntries(record.actor.sub, record.at, auditId),
      ...record,
      auditId,
      [TTL_ATTRIBUTE]: epochSeconds(new Date(Date.parse(record.at) + retentionDays * DAY_MS)),
    };
  };
  return {
    record: async (record: NewAuditRecord, retentionDays: number): Promise<void> => {
      await items.put(item(record, retentionDays), NEW_ITEM);
    },
    /** The same write as a TransactWrite part, written with the change it records. */
    recordItem: (record: NewAuditRecord, retentionDays: number): TransactItem =>
      items.putItem(item(record, retentionDays), NEW_ITEM),
    /** One page of the log between two times, newest first, and where the next begins. */
    page: async (
      query: AuditPageQuery
    ): Promise<{ records: AuditRecord[]; next: Record<string, unknown> | undefined }> => {
      const page = await items.queryPage(auditLogPartition(query.actor), {
        range: auditLogRange(query.from, query.to),
        newestFirst: true,
        limit: query.limit,
        start: query.start,
      });
      const keys = page.items.flatMap((entry) => {
        const key = primaryKeyOf(entry);
        return key ? [key] : [];
      });
      const records = (await items.batchGet(keys)).flatMap((found) => {
        const parsed = auditRecordSchema.safeParse(found);
        return parsed.success ? [parsed.data] : [];
      });
      return { records, next: page.next };
    },
  };
};
export type AuditStore = ReturnType<typeof auditStore>;
