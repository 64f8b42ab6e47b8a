import { auditTrail } from '#shared/access/audit-trail.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';

/**
 * The audit port of the registry's changes (docs/access.md): each is recorded before it is
 * made, since a unit's change and its re-attribution are no single transaction.
 */
export const registryAuditFromEnv = () =>
  auditTrail({ ...storeFromEnv(), settings: settingsFromEnv() });
