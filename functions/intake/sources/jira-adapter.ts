import { z } from 'zod';
import { canonicalFrom, flagOf, mapFields } from './canonical-from.ts';
import { deliveryIdFromHeader } from './delivery-id.ts';
import { readPath } from './field-paths.ts';
import { signedOrBearer } from './signed-or-bearer.ts';
import type { AdapterResult, FieldMap, MappingOptions, SourceAdapter } from './source-adapter.ts';
import { verifyJiraSignature } from './source-signatures.ts';

/**
 * Jira Service Management. Two shapes reach the same endpoint:
 * - the admin webhook (`jira:issue_updated`, signed with X-Hub-Signature): the event is
 *   read from the changelog — resolution set → resolved, resolution cleared → reopened,
 *   anything else ignored (answered 200, so Jira does not retry);
 * - a Jira Automation "Send web request" with our body (docs/integrations/jira.md), which
 *   cannot sign and authenticates with a bearer token.
 * Custom field ids (request type, organizations, SLA, language) differ per site: override them.
 */
const changelogItem = z
  .object({
    field: z.string(),
    from: z.string().nullable().optional(),
    to: z.string().nullable().optional(),
  })
  .loose();

/** The admin webhook's shape. */
export const jiraWebhookSchema = z
  .object({
    webhookEvent: z.string().min(1),
    issue: z
      .object({ id: z.string().min(1), key: z.string().min(1), fields: z.object({}).loose() })
      .loose(),
    changelog: z
      .object({ items: z.array(changelogItem) })
      .loose()
      .optional(),
  })
  .loose();

/** The Automation rule's body (ours). */
export const jiraAutomationSchema = z
  .object({
    type: z.enum(['ticket.resolved', 'ticket.closed', 'ticket.reopened']),
    ticketId: z.string().min(1),
    ticketNumber: z.string().min(1),
    resolved: z.string().optional(),
  })
  .loose();

const webhookFields: FieldMap = {
  ticketId: ['issue.id'],
  ticketNumber: ['issue.key'],
  title: ['issue.fields.summary'],
  'requester.email': ['issue.fields.reporter.emailAddress'],
  'requester.name': ['issue.fields.reporter.displayName'],
  'requester.locale': ['issue.fields.customfield_10031.languageCode'],
  'businessUnit.id': ['issue.fields.customfield_10002[0].id'],
  'businessUnit.name': ['issue.fields.customfield_10002[0].name'],
  'service.id': ['issue.fields.customfield_10010.requestType.id'],
  'service.name': ['issue.fields.customfield_10010.requestType.name'],
  'category.name': ['issue.fields.issuetype.name'],
  'agent.id': ['issue.fields.assignee.accountId'],
  'agent.name': ['issue.fields.assignee.displayName'],
  'agent.email': ['issue.fields.assignee.emailAddress'],
  openedAt: ['issue.fields.created'],
  resolvedAt: ['issue.fields.resolutiondate'],
  slaDueAt: [
    'issue.fields.customfield_10030.completedCycles[-1].breachTime.iso8601',
    'issue.fields.customfield_10030.ongoingCycle.breachTime.iso8601',
  ],
  slaBreached: [
    'issue.fields.customfield_10030.completedCycles[-1].breached',
    'issue.fields.customfield_10030.ongoingCycle.breached',
  ],
  resolutionCode: ['issue.fields.resolution.name'],
};

/** The Automation body's keys (ours), see docs/integrations/jira.md. */
const automationFields: FieldMap = {
  ticketId: ['ticketId'],
  ticketNumber: ['ticketNumber'],
  title: ['title'],
  'requester.email': ['reporter.email'],
  'requester.name': ['reporter.name'],
  'requester.locale': ['reporter.locale'],
  'businessUnit.name': ['organizations'],
  'service.name': ['requestType'],
  'agent.name': ['assignee'],
  openedAt: ['created'],
  resolvedAt: ['resolved'],
  occurredAt: ['updated'],
  resolutionCode: ['resolution'],
};

/** The Automation rule's body: its `type` is the lifecycle step. */
const fromAutomation = (payload: unknown, options: MappingOptions): AdapterResult => {
  const type = readPath(payload, 'type');
  const eventType =
    type === 'ticket.closed'
      ? 'ticket.closed'
      : type === 'ticket.reopened'
        ? 'ticket.reopened'
        : 'ticket.resolved';
  const locale = readPath(payload, 'reporter.locale');
  return {
    kind: 'event',
    event: canonicalFrom(payload, { ...options, fields: { ...automationFields } }, eventType, {
      locale: typeof locale === 'string' ? locale : undefined,
    }),
  };
};

/** Epoch milliseconds as ISO-8601, or undefined for one no Date can hold. */
const epochMillisIso = (millis: number): string | undefined => {
  const at = new Date(millis);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
};

/** The admin webhook's issue update: the resolution's change in the changelog is the step. */
const fromWebhook = (payload: unknown, options: MappingOptions): AdapterResult => {
  const items = readPath(payload, 'changelog.items');
  const changes = Array.isArray(items)
    ? items.map((item) => changelogItem.safeParse(item)).flatMap((r) => (r.success ? [r.data] : []))
    : [];
  const resolution = changes.find((item) => item.field === 'resolution');
  const eventType =
    resolution && !resolution.from && resolution.to
      ? 'ticket.resolved'
      : resolution && resolution.from && !resolution.to
        ? 'ticket.reopened'
        : undefined;
  if (!eventType) return { kind: 'ignored', reason: 'no resolution change in the changelog' };
  const { field } = mapFields(payload, options);
  const locale = field('requester.locale');
  // The event's time in epoch milliseconds (not signed apart from the body, but the body is).
  const timestamp = readPath(payload, 'timestamp');
  return {
    kind: 'event',
    event: canonicalFrom(payload, options, eventType, {
      slaBreached: flagOf(field('slaBreached')),
      locale: typeof locale === 'string' ? locale : undefined,
      occurredAt: typeof timestamp === 'number' ? epochMillisIso(timestamp) : undefined,
    }),
  };
};

export const jiraAdapter: SourceAdapter = {
  source: 'jira',
  verify: signedOrBearer((request, secrets) =>
    verifyJiraSignature(secrets, request.rawBody, request.headers['x-hub-signature'])
  ),
  schemaFor: (payload) =>
    typeof payload === 'object' && payload !== null && 'webhookEvent' in payload
      ? jiraWebhookSchema
      : jiraAutomationSchema,
  // Unchanged across Jira's retries; the Automation rule sends none (the body's hash stands in).
  deliveryIdOf: deliveryIdFromHeader('x-atlassian-webhook-identifier'),
  defaultTimeZone: 'UTC',
  defaultFields: webhookFields,
  toCanonical: (payload, options) =>
    readPath(payload, 'webhookEvent') === undefined
      ? fromAutomation(payload, options)
      : fromWebhook(payload, options),
};
