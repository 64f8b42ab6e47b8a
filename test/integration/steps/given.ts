import { randomUUID } from 'node:crypto';
import {
  linksIn,
  ticketEvent,
  type SourceSystem,
  type StoredMail,
  type SurveyView,
  type TicketChange,
} from '../loop-helpers.ts';
import * as then from './then.ts';
import * as when from './when.ts';

/**
 * The starting points of the integration cases, built by the same steps the cases use
 * (a webhook, the mail, a rating), so a given state is one the system really reached.
 */

/** The resolution event of a fresh ticket (fresh ids, a fresh requester), not sent yet. */
export const aTicketEvent = (overrides: Record<string, unknown> = {}) => ticketEvent(overrides);

/** A ticket resolved through the generic webhook (fresh ids, a fresh requester). */
export const aResolvedTicket = (overrides: Record<string, unknown> = {}) =>
  when.aTicketIsResolved(overrides);

export interface SurveyMail extends when.ResolvedTicket {
  readonly mail: StoredMail;
  /** The five one-click rating links of the mail, `?score=1` to `?score=5`. */
  readonly ratingLinks: string[];
  /** The rating page itself (a rating link without its score). */
  readonly ratingPage: string;
}

/** A resolved ticket whose survey mail has arrived. */
export const aSurveyMail = async (overrides: Record<string, unknown> = {}): Promise<SurveyMail> => {
  const ticket = await aResolvedTicket(overrides);
  const mail = await then.aMailArrives(ticket.email);
  const ratingLinks = linksIn(mail, 'r');
  const [first] = ratingLinks;
  if (!first) throw new Error(`no rating link in the mail to ${ticket.email}`);
  return { ...ticket, mail, ratingLinks, ratingPage: first.replace(/\?score=\d$/, '') };
};

/** A survey rated low enough (1 by default) to open a case, with that case opened. */
export const anOpenCase = async (
  rating: when.Rating = { score: 1 },
  overrides: Record<string, unknown> = {}
): Promise<SurveyMail & { readonly survey: SurveyView }> => {
  const surveyMail = await aSurveyMail(overrides);
  await when.theEmployeeRates(surveyMail.ratingPage, rating);
  return { ...surveyMail, survey: await then.aCaseIsOpened(surveyMail.ticketId) };
};

/** A ticket of a ticket system: fresh ids and requester, and its native payloads. */
export const aTicketIn = (system: SourceSystem, emailPrefix: string = system.source) => {
  const id = String(Math.floor(Math.random() * 1e9));
  const email = `${emailPrefix}-${randomUUID().slice(0, 6)}@example.com`;
  return {
    id,
    email,
    ticketId: system.ticketId(id),
    /** The system's payload for a change of this ticket, as the body it posts. */
    body: (change: TicketChange) => JSON.stringify(system.payload(id, email, change)),
  };
};
