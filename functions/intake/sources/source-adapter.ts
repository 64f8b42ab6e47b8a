import type { z } from 'zod';
import type { CanonicalEvent } from '../canonical-event.schema.ts';
import { asText, pick } from './field-paths.ts';
import { toUtcIso } from './source-time.ts';

export const SOURCES = ['naumen', 'jira', 'zendesk', 'servicenow'] as const;
export type Source = (typeof SOURCES)[number];
export const isSource = (value: string | undefined): value is Source =>
  value !== undefined && (SOURCES as readonly string[]).includes(value);

/** How a source authenticates its deliveries. */
export type SourceAuth = 'standard-webhooks' | 'jira-hmac' | 'zendesk-hmac';

/** Canonical field → native paths, first non-empty wins. */
export type FieldMap = Readonly<Record<string, readonly string[]>>;

export interface MappingOptions {
  readonly fields: FieldMap;
  readonly timeZone: string;
}

export type AdapterResult =
  | { readonly kind: 'event'; readonly event: Record<string, unknown> }
  | { readonly kind: 'ignored'; readonly reason: string };

/**
 * One ticket system: its payload schema (what must be there), how it signs, where its
 * delivery id is, its default field map, and the few rules a table cannot express
 * (which lifecycle step an event is).
 */
export interface SourceAdapter {
  readonly source: Source;
  readonly auth: SourceAuth;
  /** The schema a payload must match (Jira accepts two shapes: chosen by the payload). */
  readonly schemaFor: (payload: unknown) => z.ZodType;
  readonly defaultTimeZone: string;
  readonly defaultFields: FieldMap;
  /** The sender's delivery id header (lower case), if it has one. */
  readonly deliveryIdHeader: string;
  readonly toCanonical: (payload: unknown, options: MappingOptions) => AdapterResult;
}

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

/** Builds the canonical event's common part from a field map. */
export const canonicalFrom = (
  payload: unknown,
  options: MappingOptions,
  eventType: CanonicalEvent['eventType'],
  extra: {
    slaBreached?: boolean | null;
    reopenCount?: number | null;
    locale?: string | undefined;
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
  };
};

/** Defaults merged with an installation's overrides, field by field. */
export const fieldsFor = (adapter: SourceAdapter, overrides: FieldMap | undefined): FieldMap => ({
  ...adapter.defaultFields,
  ...(overrides ?? {}),
});

type EventType = 'ticket.resolved' | 'ticket.closed' | 'ticket.reopened';

/**
 * The lifecycle step of a payload our own sender scripts build (Naumen, ServiceNow): the
 * envelope's `type` when it has one, else the state code's meaning, else none (ignored).
 */
export const eventTypeOf = (
  type: unknown,
  state: string,
  byState: Readonly<Record<string, EventType>>
): EventType | undefined =>
  type === 'ticket.resolved' || type === 'ticket.closed' || type === 'ticket.reopened'
    ? type
    : byState[state];
