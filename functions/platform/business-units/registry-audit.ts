import { auditTrail } from '#shared/access/audit-trail.ts';
import { auditStore } from '#shared/data/audit-store.ts';
import { tableFromEnv } from '#shared/data/table-from-env.ts';
import { now } from '#shared/kernel/clock.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';

/**
 * The audit port of the registry's changes (docs/access.md): each is recorded before it is
 * made, since a unit's change and its re-attribution are no single transaction.
 */
export const registryAuditFromEnv = () =>
  auditTrail({ audit: auditStore(tableFromEnv()), settings: settingsFromEnv(), now });
