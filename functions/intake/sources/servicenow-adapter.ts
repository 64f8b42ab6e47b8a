import { z } from 'zod';
import { canonicalFrom, flagOf, mapFields } from './canonical-from.ts';
import { envelopeStep, scriptDelivery } from './script-envelope.ts';
import type { SourceAdapter } from './source-adapter.ts';

/**
 * ServiceNow incidents, as sent by our Business Rule (docs/integrations/servicenow.md):
 * `{ type, timestamp, data: { sys_id, number, state, … } }`, signed the Standard Webhooks way
 * (its `webhook-id` is the delivery id), or sent with the source's bearer token.
 * State codes: 6 Resolved, 7 Closed (the same resolution: one survey), 8 Canceled (none).
 */
export const servicenowSchema = z.object({
  type: z.enum(['ticket.resolved', 'ticket.closed', 'ticket.reopened']).optional(),
  data: z
    .object({
      sys_id: z.string().min(1),
      number: z.string().min(1),
      state: z.union([z.string(), z.number()]),
      resolved_at: z.string().nullable().optional(),
    })
    .loose(),
});

const EVENT_BY_STATE: Readonly<Record<string, 'ticket.resolved' | 'ticket.closed'>> = {
  '6': 'ticket.resolved',
  '7': 'ticket.closed',
};

export const servicenowAdapter: SourceAdapter = {
  source: 'servicenow',
  ...scriptDelivery,
  schemaFor: () => servicenowSchema,
  defaultTimeZone: 'UTC',
  defaultFields: {
    ticketId: ['data.sys_id'],
    ticketNumber: ['data.number'],
    title: ['data.short_description'],
    'requester.email': ['data.caller_id.email'],
    'requester.name': ['data.caller_id.name'],
    'requester.locale': ['data.caller_id.preferred_language'],
    'businessUnit.name': ['data.company', 'data.department'],
    'service.name': ['data.business_service', 'data.service_offering'],
    'category.name': ['data.category'],
    'team.name': ['data.assignment_group'],
    'agent.name': ['data.resolved_by.name'],
    'agent.email': ['data.resolved_by.email'],
    openedAt: ['data.opened_at'],
    resolvedAt: ['data.resolved_at'],
    occurredAt: ['data.sys_updated_on', 'timestamp'],
    slaDueAt: ['data.sla_due'],
    slaBreached: ['data.sla_has_breached'],
    reopenCount: ['data.reopen_count'],
    resolutionCode: ['data.close_code'],
  },
  toCanonical: (payload, options) => {
    const step = envelopeStep(payload, EVENT_BY_STATE);
    if (step.kind === 'ignored') return step;
    if (step.state === '8') return { kind: 'ignored', reason: 'the incident was canceled' };
    const { field } = mapFields(payload, options);
    const locale = field('requester.locale');
    return {
      kind: 'event',
      event: canonicalFrom(payload, options, step.eventType, {
        slaBreached: flagOf(field('slaBreached')),
        locale:
          typeof locale === 'string' && /^[a-z]{2}([-_][a-z]{2})?$/i.test(locale)
            ? locale.slice(0, 2).toLowerCase()
            : undefined,
      }),
    };
  },
};
