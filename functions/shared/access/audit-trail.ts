import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AuditStore, NewAuditRecord } from '../data/audit-store.ts';
import type { TransactItem } from '../data/item-store.ts';
import { logger } from '../powertools.ts';
import type { SettingsSource } from '../settings/settings-source.ts';
import type { AccessGrant } from './access-grant.ts';

/** What a record is about besides its route: one item, or how many a list answered with. */
export interface AuditSubject {
  readonly itemId?: string | undefined;
  readonly itemCount?: number | undefined;
}

/**
 * The audit log could not be written: the request is answered 503 (try again), since a
 * comment or case is never served, nor a change made, unaudited (docs/access.md).
 */
export class AuditUnavailableError extends Error {
  override name = 'AuditUnavailableError';
  readonly statusCode = 503;
  // Shown as it is: it is our JSON answer, not a message quoting the request.
  readonly expose = true;
  readonly headers = { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' };
  constructor() {
    super(JSON.stringify({ message: 'the audit log is unavailable: try again' }));
  }
}

/** Who did it, when, what, from where: the record of one admin request. */
export const auditRecordOf = (
  event: APIGatewayProxyEventV2,
  grant: AccessGrant,
  subject: AuditSubject,
  at: Date
): NewAuditRecord => ({
  at: at.toISOString(),
  actor: { sub: grant.principal.sub, name: grant.principal.name, role: grant.principal.role },
  routeKey: event.routeKey,
  ...(subject.itemId === undefined ? {} : { itemId: subject.itemId }),
  ...(subject.itemCount === undefined ? {} : { itemCount: subject.itemCount }),
  sourceIp: event.requestContext.http.sourceIp,
});

export interface AuditTrailDeps {
  readonly audit: Pick<AuditStore, 'record' | 'recordItem'>;
  readonly settings: SettingsSource;
  readonly now: () => Date;
}

/**
 * The audit port of admin handlers: `record` before a read is answered, or before a change
 * that is no single transaction is made; `recordItem` for the transaction of a change, so
 * the change and its record are written together or not at all. Either fails with
 * AuditUnavailableError (503), never silently.
 */
export const auditTrail = (deps: AuditTrailDeps) => {
  const retentionDays = async () => (await deps.settings.current()).audit.retentionDays;
  return {
    record: async (
      event: APIGatewayProxyEventV2,
      grant: AccessGrant,
      subject: AuditSubject = {}
    ): Promise<void> => {
      try {
        const record = auditRecordOf(event, grant, subject, deps.now());
        await deps.audit.record(record, await retentionDays());
      } catch (error) {
        logger.error('audit record not written', { error, routeKey: event.routeKey });
        throw new AuditUnavailableError();
      }
    },
    recordItem: async (
      event: APIGatewayProxyEventV2,
      grant: AccessGrant,
      subject: AuditSubject = {}
    ): Promise<TransactItem> => {
      try {
        const record = auditRecordOf(event, grant, subject, deps.now());
        return deps.audit.recordItem(record, await retentionDays());
      } catch (error) {
        logger.error('audit record not prepared', { error, routeKey: event.routeKey });
        throw new AuditUnavailableError();
      }
    },
  };
};
export type AuditTrail = ReturnType<typeof auditTrail>;
