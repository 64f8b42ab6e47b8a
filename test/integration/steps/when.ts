import { randomUUID } from 'node:crypto';
import { StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { runtime, sfn } from '../clients.ts';
import {
  admin,
  postSourceWebhook,
  postWebhook,
  ticketEvent,
  type SourceSystem,
  type TicketEvent,
  type WebhookOptions,
  type WebhookResponse,
} from '../loop-helpers.ts';
import { surveyExecutionArn } from '../workflow-helpers.ts';

/**
 * The actions of the integration cases, each one thing a person or a system does over
 * real HTTP (or the Step Functions API). They return what came back and assert nothing.
 */

/** A ticket the tests resolved through the generic webhook, with what the webhook answered. */
export interface ResolvedTicket {
  readonly event: TicketEvent;
  readonly email: string;
  readonly ticketId: string;
  readonly response: WebhookResponse;
}

/** The ticket system sends an event (any JSON) to the generic webhook, signed unless told. */
export const theTicketSystemSends = (event: unknown, options: WebhookOptions = {}) =>
  postWebhook(JSON.stringify(event), options);

/** A ticket (a fresh one, with `overrides`) is resolved and the generic webhook hears of it. */
export const aTicketIsResolved = async (
  overrides: Record<string, unknown> = {}
): Promise<ResolvedTicket> => {
  const event = ticketEvent(overrides);
  const response = await theTicketSystemSends(event);
  return { event, email: event.requester.email, ticketId: event.ticketId, response };
};

export const theTicketIsReopened = (ticket: { event: TicketEvent }) =>
  theTicketSystemSends({ ...ticket.event, eventType: 'ticket.reopened' });

export const theTicketIsClosed = (ticket: { event: TicketEvent }) =>
  theTicketSystemSends({ ...ticket.event, eventType: 'ticket.closed' });

/** The ticket is resolved once more (a new resolution, after a reopening). */
export const theTicketIsResolvedAgain = (ticket: { event: TicketEvent }) =>
  theTicketSystemSends({ ...ticket.event, resolvedAt: new Date().toISOString() });

/** A ticket system posts `body` to its own webhook, natively signed (with `secret` if given). */
export const theSourceDelivers = (
  system: SourceSystem,
  body: string,
  { deliveryId = randomUUID(), secret }: { deliveryId?: string; secret?: string } = {}
) => postSourceWebhook(system.source, body, system.headers(body, deliveryId, secret));

/** Something posts `body` to `/v1/webhooks/{source}` with exactly these headers. */
export const aDeliveryArrives = (source: string, body: string, headers: Record<string, string>) =>
  postSourceWebhook(source, body, headers);

export const A_MAIL_SCANNER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0';

/** A mail security scanner follows a link of the mail, as it does before the person reads it. */
export const aMailScannerFollows = (link: string, method: 'GET' | 'HEAD' = 'GET') =>
  fetch(link, { method, headers: { 'user-agent': A_MAIL_SCANNER } });

/** The employee opens a page of the mail (a rating link, the opt-out link). */
export const theEmployeeOpens = (link: string) => fetch(link);

export interface Rating {
  readonly score: number;
  readonly comment?: string;
  readonly reasons?: readonly string[];
}

/**
 * The employee sends a rating from the rating page (`form`, as the browser does) or as
 * JSON (`json`, as the page's API answers it).
 */
export const theEmployeeRates = (
  ratingPage: string,
  { score, comment, reasons = [] }: Rating,
  as: 'form' | 'json' = 'form'
) => {
  if (as === 'json') {
    return fetch(ratingPage, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ score, comment }),
    });
  }
  const form = new URLSearchParams({ score: String(score) });
  if (comment !== undefined) form.append('comment', comment);
  for (const reason of reasons) form.append('reasons', reason);
  return fetch(ratingPage, { method: 'POST', body: form });
};

/** The employee's mail client unsubscribes with one click (RFC 8058). */
export const theEmployeeOptsOut = (optOutLink: string) =>
  fetch(optOutLink, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });

/** The case owner fills in the case page and sends it. */
export const theOwnerResolvesTheCase = (caseLink: string, fields: Record<string, string>) =>
  fetch(caseLink, { method: 'POST', body: new URLSearchParams(fields) });

export const theAdminAssignsTheCase = (
  surveyId: string,
  owner: { readonly email: string; readonly name: string }
) =>
  admin(`/v1/follow-ups/${surveyId}/assign`, {
    method: 'POST',
    body: JSON.stringify({ owner }),
  });

/** The admin resolves a case: `resolution` is sent as JSON, a string as it is. */
export const theAdminResolvesTheCase = (surveyId: string, resolution: object | string) =>
  admin(`/v1/follow-ups/${surveyId}/resolve`, {
    method: 'POST',
    body: typeof resolution === 'string' ? resolution : JSON.stringify(resolution),
  });

/** A survey's workflow is lost (stopped, as a crash or a bad deploy would end it). */
export const theSurveyWorkflowIsLost = (surveyId: string) =>
  sfn.send(new StopExecutionCommand({ executionArn: surveyExecutionArn(surveyId) }));

/** The survey's workflow is started again under a new name, with other waits. */
export const theSurveyWorkflowRestarts = async (
  surveyId: string,
  waits: { untilReminderSeconds: number; untilCloseSeconds: number }
) => {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: runtime.csiStateMachineArn,
      name: `${surveyId}-fast`,
      input: JSON.stringify({ surveyId, waits }),
    })
  );
  if (!executionArn) throw new Error('no execution ARN');
  return executionArn;
};

/** The reconcile schedule fires (through the local control endpoint). */
export const theReconcilePassRuns = () =>
  fetch(`${runtime.apiUrl}/_local/schedules/csi-reconcile`, { method: 'POST' });
