import type { CanonicalEvent } from '../canonical-event.schema.ts';
import { asText, pick } from './field-paths.ts';
import type { MappingOptions } from './source-adapter.ts';
import { toUtcIso } from './source-time.ts';

/** The canonical fields read through a field map (times in UTC, ids as text, unknowns null). */
export const mapFields = (payload: unknown, options: MappingOptions) => {
  const field = (name: string): unknown => pick(payload, options.fields[name] ?? []);
  const text = (name: string) => asText(field(name));
  const time = (name: string) => {
    const value = text(name);
    return value === undefined ? undefined : toUtcIso(value, options.timeZone);
  };
  const ref = (prefix: string) => {
    const name = text(`${prefix}.name`);
    return name === undefined
      ? undefined
      : { ...(text(`${prefix}.id`) ? { id: text(`${prefix}.id`) } : {}), name };
  };
  return { field, text, time, ref };
};

/** A boolean as the source sent it; anything else is unknown (null), never false. */
export const flagOf = (value: unknown): boolean | null =>
  typeof value === 'boolean' ? value : null;

/** Builds the canonical event's common part from a field map. */
export const canonicalFrom = (
  payload: unknown,
  options: MappingOptions,
  eventType: CanonicalEvent['eventType'],
  extra: {
    slaBreached?: boolean | null;
    reopenCount?: number | null;
    locale?: string | undefined;
    /** The event's own time, when the source gives it in a form a field map cannot read. */
    occurredAt?: string | undefined;
  } = {}
): Record<string, unknown> => {
  const { field, text, time, ref } = mapFields(payload, options);
  const reopen = field('reopenCount');
  const agentName = text('agent.name');
  const agentEmail = text('agent.email');
  const agentId = text('agent.id');
  const email = text('requester.email');
  return {
    eventType,
    ticketId: text('ticketId'),
    ticketNumber: text('ticketNumber'),
    title: text('title'),
    requester: {
      email: email ?? null,
      ...(text('requester.name') ? { name: text('requester.name') } : {}),
      ...(extra.locale ? { locale: extra.locale } : {}),
    },
    businessUnit: ref('businessUnit'),
    service: ref('service'),
    category: ref('category'),
    team: ref('team'),
    agent:
      agentName || agentEmail || agentId
        ? {
            ...(agentId ? { id: agentId } : {}),
            ...(agentName ? { name: agentName } : {}),
            ...(agentEmail ? { email: agentEmail } : {}),
          }
        : undefined,
    openedAt: time('openedAt'),
    resolvedAt: time('resolvedAt'),
    slaDueAt: time('slaDueAt') ?? null,
    slaBreached: extra.slaBreached ?? null,
    reopenCount:
      extra.reopenCount ??
      (typeof reopen === 'number'
        ? reopen
        : reopen === undefined
          ? null
          : Number(asText(reopen)) || 0),
    resolutionCode: text('resolutionCode'),
    occurredAt: extra.occurredAt ?? time('occurredAt'),
  };
};
