import { scanTable } from '../helpers/scan-table.ts';
import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Webhook } from 'standardwebhooks';
import { PATIENCE_MS, pollUntil } from '../helpers/poll.ts';
import { documents, runtime } from './clients.ts';

/** What the SES v2 local inbox (`GET /store`) holds for one mail. */
export interface StoredMail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { html: string; text: string };
  headers?: { name: string; value: string }[];
}

export const uniqueEmail = () => `person-${randomUUID().slice(0, 8)}@example.com`;
export const uniqueTicket = () => `T-${randomUUID().slice(0, 8)}`;

export const ticketEvent = (overrides: Record<string, unknown> = {}) => ({
  eventType: 'ticket.resolved',
  ticketId: uniqueTicket(),
  title: 'Не пришёл расчётный листок',
  requester: { email: uniqueEmail(), name: 'Анна Петрова', locale: 'ru-RU' },
  businessUnit: { id: 'FIN', name: 'Финансы' },
  service: { id: 'PAY', name: 'Расчёт зарплаты' },
  resolvedAt: new Date(Date.now() - 60_000).toISOString(),
  ...overrides,
});

export type TicketEvent = ReturnType<typeof ticketEvent>;

export interface WebhookOptions {
  id?: string;
  timestamp?: number;
  secret?: string;
  contentType?: string;
  signature?: string | null;
}

/** Posts a body to the generic webhook, signed the Standard Webhooks way unless told otherwise. */
export const postWebhook = async (body: string, options: WebhookOptions = {}) => {
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
  };
  const signature =
    options.signature === undefined
      ? new Webhook(options.secret ?? runtime.webhookSecret).sign(
          id,
          new Date(timestamp * 1000),
          body
        )
      : options.signature;
  if (signature !== null) headers['webhook-signature'] = signature;
  const response = await fetch(`${runtime.apiUrl}/v1/webhooks/generic`, {
    method: 'POST',
    headers,
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, id };
};

export type WebhookResponse = Awaited<ReturnType<typeof postWebhook>>;

/** Posts a body to a ticket system's own webhook (`/v1/webhooks/{source}`) with its headers. */
export const postSourceWebhook = async (
  source: string,
  body: string,
  headers: Record<string, string>
) => {
  const response = await fetch(`${runtime.apiUrl}/v1/webhooks/${source}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

export const mailsTo = async (email: string): Promise<StoredMail[]> => {
  const store = (await (await fetch(`${runtime.inboxUrl}/store`)).json()) as {
    emails: StoredMail[];
  };
  return store.emails.filter((mail) => mail.destination.to.includes(email));
};

/** Waits until `email` has received `count` mails, and returns them. */
export const waitForMails = (email: string, count = 1, timeoutMs = PATIENCE_MS) =>
  pollUntil(
    async () => {
      const mails = await mailsTo(email);
      return mails.length >= count ? mails : undefined;
    },
    { timeoutMs, intervalMs: 100, what: `${count} mail(s) to ${email}` }
  );

export const linksIn = (mail: StoredMail, path: 'r' | 'u' | 'f'): string[] =>
  [
    ...mail.body.text.matchAll(
      new RegExp(`https?://[^\\s]+/${path}/[A-Za-z0-9_-]+(\\?score=\\d)?`, 'g')
    ),
  ].map((m) => m[0]);

export const admin = async (path: string, init: { method?: string; body?: string } = {}) => {
  const response = await fetch(`${runtime.apiUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${runtime.adminToken}`, 'content-type': 'application/json' },
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { [key: string]: unknown },
  };
};

export interface SurveyView {
  surveyId: string;
  status: string;
  statusReason?: string;
  score?: number;
  ratingKind?: string;
  unconfirmedClicks: number;
  followUpId?: string;
}

export const surveysOf = async (ticketId: string): Promise<SurveyView[]> => {
  const { body } = await admin(`/v1/surveys?ticketId=${encodeURIComponent(ticketId)}`);
  return body.surveys as SurveyView[];
};

/** The (first) survey of a ticket; fails when the ticket has none. */
export const surveyOf = async (ticketId: string): Promise<SurveyView> => {
  const [survey] = await surveysOf(ticketId);
  if (!survey) throw new Error(`no survey of ticket ${ticketId}`);
  return survey;
};

export const waitForSurveyStatus = (ticketId: string, status: string, timeoutMs = PATIENCE_MS) =>
  pollUntil(
    async () => {
      const [survey] = await surveysOf(ticketId);
      return survey?.status === status ? survey : undefined;
    },
    { timeoutMs, intervalMs: 100, what: `survey of ${ticketId} to be ${status}` }
  );

/** One item of the table by its key, or undefined. */
export const itemOf = async (pk: string, sk: string) =>
  (await documents.send(new GetCommand({ TableName: runtime.tableName, Key: { pk, sk } }))).Item;

/** Every item of the table (the integration table is small). */
export const allItems = (): Promise<Record<string, unknown>[]> =>
  scanTable(documents, runtime.tableName);

export const itemsOfTicket = async (ticketId: string) =>
  (
    await documents.send(
      new QueryCommand({
        TableName: runtime.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :t',
        ExpressionAttributeValues: { ':t': `TICKET#${ticketId}` },
      })
    )
  ).Items ?? [];

/** What a delivery from a ticket system means for its ticket. */
export type TicketChange = 'resolved' | 'closed' | 'reopened';

/** A ticket system as the tests drive it: its native payloads and its native signature. */
export interface SourceSystem {
  readonly source: 'naumen' | 'jira' | 'zendesk' | 'servicenow';
  readonly payload: (id: string, email: string, change: TicketChange) => unknown;
  /** The canonical ticket id the payload gives. */
  readonly ticketId: (id: string) => string;
  readonly headers: (body: string, deliveryId: string, secret?: string) => Record<string, string>;
}
