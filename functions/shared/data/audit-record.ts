import { z } from 'zod';
import { ROLES } from '../kernel/access-rules.ts';

/**
 * One audit record (docs/access.md): who read a comment or a case, or changed something,
 * through an admin route; when; what (the route key and the item's id, if it is about one);
 * and from which address. Written once, never changed, deleted by TTL after the retention
 * the settings give (`audit.retentionDays`).
 */
export const auditRecordSchema = z.object({
  auditId: z.string(),
  at: z.string(),
  actor: z.object({ sub: z.string(), name: z.string(), role: z.enum(ROLES) }),
  routeKey: z.string(),
  itemId: z.string().optional(),
  /** How many items a list answered with (a list read names no single item). */
  itemCount: z.number().int().nonnegative().optional(),
  sourceIp: z.string(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;
