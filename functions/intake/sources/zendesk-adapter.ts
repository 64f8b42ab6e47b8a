import { z } from 'zod';
import { canonicalFrom, mapFields } from './canonical-from.ts';
import { deliveryIdFromHeader } from './delivery-id.ts';
import { readPath } from './field-paths.ts';
import { signedOrBearer } from './signed-or-bearer.ts';
import type { SourceAdapter } from './source-adapter.ts';
import { verifyZendeskSignature } from './source-signatures.ts';

/**
 * Zendesk, from a trigger's webhook with the JSON body in docs/integrations/zendesk.md
 * (placeholders such as {{ticket.id}}), signed by Zendesk (X-Zendesk-Webhook-Signature).
 * Status is compared case-insensitively; another status than solved or closed, sent by
 * the "reopened" trigger, cancels the pending survey.
 */
export const zendeskSchema = z
  .object({
    ticket_id: z.union([z.string().min(1), z.number()]),
    status: z.string().min(1),
    updated_at: z.string().min(1),
  })
  .loose();

/**
 * Statuses by meaning (lower case; English and Russian agent interfaces). Anything else is
 * ignored, not guessed: a custom or other-language label must be mapped by its trigger.
 */
const RESOLVED = new Set(['solved', 'решен', 'решён']);
const CLOSED = new Set(['closed', 'закрыт']);
const REOPENED = new Set([
  'open',
  'pending',
  'new',
  'hold',
  'on-hold',
  'открыт',
  'в ожидании',
  'новый',
  'на удержании',
]);

/** Zendesk renders `{{ticket.requester.language}}` as a language name. */
const LANGUAGES: Readonly<Record<string, string>> = {
  english: 'en',
  'english (united states)': 'en',
  'english (united kingdom)': 'en',
  russian: 'ru',
  русский: 'ru',
  en: 'en',
  ru: 'ru',
};

export const zendeskAdapter: SourceAdapter = {
  source: 'zendesk',
  verify: signedOrBearer((request, secrets) =>
    verifyZendeskSignature(
      secrets,
      request.rawBody,
      request.headers['x-zendesk-webhook-signature-timestamp'],
      request.headers['x-zendesk-webhook-signature'],
      request.receivedAt
    )
  ),
  schemaFor: () => zendeskSchema,
  deliveryIdOf: deliveryIdFromHeader('x-zendesk-webhook-invocation-id'),
  defaultTimeZone: 'UTC',
  defaultFields: {
    ticketId: ['ticket_id'],
    ticketNumber: ['ticket_id'],
    title: ['title'],
    'requester.email': ['requester.email'],
    'requester.name': ['requester.name'],
    'requester.locale': ['requester.language'],
    'businessUnit.id': ['organization.external_id'],
    'businessUnit.name': ['organization.name'],
    'service.name': ['service'],
    'category.name': ['type'],
    'team.name': ['group'],
    'agent.name': ['assignee.name'],
    'agent.email': ['assignee.email'],
    openedAt: ['created_at'],
    resolvedAt: ['updated_at'],
    occurredAt: ['updated_at'],
    resolutionCode: ['resolution'],
  },
  toCanonical: (payload, options) => {
    const status = String(readPath(payload, 'status')).trim().toLowerCase();
    const eventType = RESOLVED.has(status)
      ? 'ticket.resolved'
      : CLOSED.has(status)
        ? 'ticket.closed'
        : REOPENED.has(status)
          ? 'ticket.reopened'
          : undefined;
    if (!eventType)
      return {
        kind: 'ignored',
        reason: `status ${status} is not known as solved, closed or reopened`,
      };
    const language = mapFields(payload, options).field('requester.locale');
    const locale =
      typeof language === 'string' ? LANGUAGES[language.trim().toLowerCase()] : undefined;
    return { kind: 'event', event: canonicalFrom(payload, options, eventType, { locale }) };
  },
};
