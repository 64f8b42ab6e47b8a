import { z } from 'zod';

/**
 * The canonical ticket event (../shared/reference/integrations.md §1, the generic
 * contract's subset). Every source adapter maps to it. Emails are trimmed and lower-cased;
 * SLA and reopen values stay null when the source cannot tell; times are kept as given
 * and normalised to UTC by `toUtc`.
 */
const isoDateTime = z.iso.datetime({ offset: true });
const ref = z.object({
  id: z.string().min(1).max(200).optional(),
  name: z.string().trim().min(1).max(300),
});
const email = z.string().trim().toLowerCase().pipe(z.email().max(320));

export const canonicalEventSchema = z
  .object({
    eventType: z.enum(['ticket.resolved', 'ticket.closed', 'ticket.reopened']),
    ticketId: z.string().trim().min(1).max(200),
    ticketNumber: z.string().trim().min(1).max(100).optional(),
    title: z.string().trim().max(500).optional(),
    requester: z.object({
      email: email.nullable(),
      name: z.string().trim().max(300).optional(),
      locale: z
        .string()
        .regex(/^[a-zA-Z]{2,3}([-_][a-zA-Z]{2})?$/)
        .optional(),
    }),
    businessUnit: ref.optional(),
    service: ref.optional(),
    category: ref.optional(),
    team: ref.optional(),
    agent: z
      .object({
        id: z.string().max(200).optional(),
        name: z.string().max(300).optional(),
        email: email.optional(),
      })
      .optional(),
    openedAt: isoDateTime.optional(),
    resolvedAt: isoDateTime.optional(),
    slaDueAt: isoDateTime.nullable().optional(),
    slaBreached: z.boolean().nullable().optional(),
    reopenCount: z.number().int().min(0).nullable().optional(),
    resolutionCode: z.string().max(100).optional(),
  })
  .refine((event) => event.eventType === 'ticket.reopened' || event.resolvedAt !== undefined, {
    path: ['resolvedAt'],
    error: 'required for ticket.resolved and ticket.closed',
    // Reported together with the other problems (zod skips refinements of an object that
    // already failed), so a sender fixes everything in one go.
    when: (payload) =>
      typeof payload.value === 'object' &&
      payload.value !== null &&
      !Array.isArray(payload.value) &&
      !payload.issues.some((issue) =>
        ['eventType', 'resolvedAt'].includes(String(issue.path?.[0]))
      ),
  });
export type CanonicalEvent = z.infer<typeof canonicalEventSchema>;

export const toUtc = (iso: string): string => new Date(iso).toISOString();
