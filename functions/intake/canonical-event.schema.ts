import { z } from 'zod';

/**
 * The canonical ticket event (../shared/reference/integrations.md §1, the generic
 * contract's subset). Every source adapter maps to it. Text fields lose their control
 * characters and bidi overrides, and refuse lone surrogates; emails are trimmed and lower-cased;
 * SLA and reopen values stay null when the source cannot tell; times are kept as given
 * and normalised to UTC by `toUtc`.
 */
const isoDateTime = z.iso.datetime({ offset: true });

/** C0 and C1 controls (CR and LF among them) and the bidi embeddings, overrides and isolates. */
const CONTROLS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;
/** In a `u` regex a surrogate matches only alone, with no partner: not well-formed UTF-16. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A text field of the event: a lone surrogate is refused (400: it cannot be stored or
 * mailed as UTF-8), and control characters and bidi overrides are stripped before the
 * field's own checks, so a CRLF never reaches a mail header and no override flips what a
 * page shows. No field is multi-line, so newlines go too.
 */
const text = (field: z.ZodString) =>
  z
    .string()
    .refine((value) => !LONE_SURROGATE.test(value), { error: 'contains a lone surrogate' })
    .transform((value) => value.replace(CONTROLS, ''))
    .pipe(field);

const ref = z.object({
  id: text(z.string().min(1).max(200)).optional(),
  name: text(z.string().trim().min(1).max(300)),
});
const email = z.string().trim().toLowerCase().pipe(z.email().max(320));

export const canonicalEventSchema = z
  .object({
    eventType: z.enum(['ticket.resolved', 'ticket.closed', 'ticket.reopened']),
    ticketId: text(z.string().trim().min(1).max(200)),
    ticketNumber: text(z.string().trim().min(1).max(100)).optional(),
    title: text(z.string().trim().max(500)).optional(),
    requester: z.object({
      email: email.nullable(),
      name: text(z.string().trim().max(300)).optional(),
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
        id: text(z.string().max(200)).optional(),
        name: text(z.string().max(300)).optional(),
        email: email.optional(),
      })
      .optional(),
    openedAt: isoDateTime.optional(),
    resolvedAt: isoDateTime.optional(),
    slaDueAt: isoDateTime.nullable().optional(),
    slaBreached: z.boolean().nullable().optional(),
    reopenCount: z.number().int().min(0).nullable().optional(),
    resolutionCode: text(z.string().max(100)).optional(),
    /**
     * When the event happened in the ticket system (not when it was sent): a reopening
     * older than the ticket's latest resolution is ignored.
     */
    occurredAt: isoDateTime.optional(),
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
