import { z } from 'zod';
import { canonicalFrom, mapFields } from './canonical-from.ts';
import { envelopeStep, scriptDelivery } from './script-envelope.ts';
import type { SourceAdapter } from './source-adapter.ts';

/**
 * Naumen Service Desk (serviceCall), as sent by our event-action script
 * (docs/integrations/naumen.md): `{ type, timestamp, data: { UUID, number, state, … } }`,
 * signed the Standard Webhooks way (its `webhook-id` is the delivery id), or sent with the
 * source's bearer token. Attribute codes are this installation's defaults;
 * custom ones (resumptionSum, shortDescr…) are overridable per installation.
 */
const ref = z
  .object({ UUID: z.string().optional(), title: z.string().optional() })
  .loose()
  .nullable()
  .optional();

export const naumenSchema = z.object({
  type: z.enum(['ticket.resolved', 'ticket.closed', 'ticket.reopened']).optional(),
  data: z
    .object({
      UUID: z.string().min(1),
      number: z.union([z.string(), z.number()]),
      state: z.string().min(1),
      stateStartTime: z.string().min(1),
      clientOU: ref,
      service: ref,
    })
    .loose(),
});

/** Naumen state codes: resolved, closed; a resumed call is reopened. */
const EVENT_BY_STATE: Readonly<
  Record<string, 'ticket.resolved' | 'ticket.closed' | 'ticket.reopened'>
> = {
  resolved: 'ticket.resolved',
  closed: 'ticket.closed',
  resumed: 'ticket.reopened',
};

export const naumenAdapter: SourceAdapter = {
  source: 'naumen',
  ...scriptDelivery,
  schemaFor: () => naumenSchema,
  defaultTimeZone: 'Europe/Moscow',
  defaultFields: {
    ticketId: ['data.UUID'],
    ticketNumber: ['data.number'],
    title: ['data.shortDescr', 'data.title'],
    'requester.email': ['data.clientEmail', 'data.clientEmployee.email'],
    'requester.name': ['data.clientEmployee.title', 'data.clientName'],
    'businessUnit.id': ['data.clientOU.UUID'],
    'businessUnit.name': ['data.clientOU.title'],
    'service.id': ['data.service.UUID'],
    'service.name': ['data.service.title'],
    'category.name': ['data.metaClass'],
    'team.id': ['data.solvedByTeam.UUID', 'data.responsibleTeam.UUID'],
    'team.name': ['data.solvedByTeam.title', 'data.responsibleTeam.title'],
    'agent.id': ['data.solvedByEmployee.UUID', 'data.responsibleEmployee.UUID'],
    'agent.name': ['data.solvedByEmployee.title', 'data.responsibleEmployee.title'],
    'agent.email': ['data.solvedByEmployee.email', 'data.responsibleEmployee.email'],
    openedAt: ['data.registrationDate'],
    resolvedAt: ['data.dateDecision', 'data.stateStartTime'],
    // When the ticket entered its state (a reopening's own time); else when it was sent.
    occurredAt: ['data.stateStartTime', 'timestamp'],
    slaDueAt: ['data.deadLineTime'],
    reopenCount: ['data.resumptionSum'],
    resolutionCode: ['data.codeOfClosing.code', 'data.codeOfClosing.title'],
    slaTimerStatus: ['data.timeAllowanceTimerStatus'],
  },
  toCanonical: (payload, options) => {
    const step = envelopeStep(payload, EVENT_BY_STATE);
    if (step.kind === 'ignored') return step;
    // The SLA timer's status: 'e' exceeded, 'a' active (met so far); absent → unknown (null).
    const timer = mapFields(payload, options).field('slaTimerStatus');
    const slaBreached = timer === 'e' ? true : timer === 'a' ? false : null;
    return {
      kind: 'event',
      event: canonicalFrom(payload, options, step.eventType, { slaBreached, locale: undefined }),
    };
  },
};
