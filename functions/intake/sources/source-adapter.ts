import type { z } from 'zod';
import type { Source } from '#shared/kernel/sources.ts';
import type { CanonicalEvent } from '../canonical-event.schema.ts';
import type { SourceCredential } from '../source-credentials.ts';
import type { WebhookRequest } from '../webhook-request.ts';

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
 * One ticket system, all the webhook needs to know of it: how its deliveries prove who sent
 * them, what its payload must hold, which delivery a request is, and how its payload maps
 * to the canonical event (a default field map, overridable per installation, and the few
 * rules a table cannot express, such as which lifecycle step an event is).
 */
export interface SourceAdapter {
  readonly source: Source;
  /**
   * Throws InvalidSignatureError unless the delivery is authentic under these credentials;
   * returns the content its signature covers (none for a bearer token).
   */
  readonly verify: (request: WebhookRequest, credentials: SourceCredential) => string | undefined;
  /** The schema a payload must match (Jira accepts two shapes: chosen by the payload). */
  readonly schemaFor: (payload: unknown) => z.ZodType;
  /** The delivery's id, the same for each retry of it (a repeat answers 200 and changes nothing). */
  readonly deliveryIdOf: (request: WebhookRequest, event: CanonicalEvent) => string;
  /** The zone of the source's zone-less times, unless the installation sets another. */
  readonly defaultTimeZone: string;
  readonly defaultFields: FieldMap;
  /** The canonical event, still unchecked, or why the payload is no event for a survey. */
  readonly toCanonical: (payload: unknown, options: MappingOptions) => AdapterResult;
}

/** Defaults merged with an installation's overrides, field by field. */
export const fieldsFor = (adapter: SourceAdapter, overrides: FieldMap | undefined): FieldMap => ({
  ...adapter.defaultFields,
  ...(overrides ?? {}),
});
