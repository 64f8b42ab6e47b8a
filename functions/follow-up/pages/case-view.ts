import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { DataStores } from '#shared/data/data-stores.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import type { CaseLinkHolder } from '#shared/data/token.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import { isSource } from '#shared/kernel/sources.ts';
import { mayViewRequesterAddress } from '../case-access.ts';
import { CaseLinkRevokedError, openCaseLink } from '../case-link-holder.ts';
import { caseTimeline } from '../case-timeline.ts';
import { caseHandedOverPage, type CaseView, type EarlierRating } from './case-page.ts';

export interface CaseViewDeps extends Pick<
  DataStores,
  'tokens' | 'followUps' | 'surveys' | 'caseEvents' | 'responses'
> {
  readonly now: () => Date;
}

/** What the case page takes of the settings: the staff's language and time zone, ticket links. */
export interface CasePageSettings {
  readonly staffLanguage: CsiSettings['sscLanguage'];
  readonly timeZone: string;
  readonly ticketLinks: CsiSettings['followUp']['ticketLinks'];
}

/** The case page's settings: the SSC's language and time zone (as its mail), the ticket links. */
export const casePageSettings = (settings: CsiSettings): CasePageSettings => ({
  staffLanguage: settings.sscLanguage,
  timeZone: settings.timeZone,
  ticketLinks: settings.followUp.ticketLinks,
});

/** The ticket's URL from its source's template, when the source has one. */
const ticketUrlOf = (settings: CasePageSettings, source: string | undefined, ticketId: string) => {
  const template = isSource(source) ? settings.ticketLinks[source] : undefined;
  return template?.replaceAll('{ticketId}', encodeURIComponent(ticketId));
};

/** How many of the requester's other ratings the case page lists: context, not a report. */
export const EARLIER_RATINGS_SHOWN = 5;

/**
 * The requester's other ratings, newest first, at most EARLIER_RATINGS_SHOWN: the date,
 * ticket, score and whether a comment came with it (the comments stay on their own cases).
 * Undefined without an address (no one to look up).
 */
const earlierRatingsOf = async (
  deps: Pick<CaseViewDeps, 'responses'>,
  followUp: FollowUp
): Promise<EarlierRating[] | undefined> => {
  if (!followUp.requesterEmail) return undefined;
  // One more than shown: this case's own rating is among the latest.
  const latest = await deps.responses.byRequester(
    followUp.requesterEmail,
    EARLIER_RATINGS_SHOWN + 1
  );
  return latest
    .filter((response) => response.surveyId !== followUp.surveyId)
    .slice(0, EARLIER_RATINGS_SHOWN)
    .map((response) => ({
      ticketNumber: response.ticketNumber ?? '',
      score: response.score,
      at: response.submittedAt,
      commented: response.comment.trim() !== '',
    }));
};

/**
 * Everything the case page shows of a case: the case, its survey's source and agent (the
 * ticket link, who worked the ticket), its timeline, the requester's earlier ratings, and
 * the requester's address only for a holder who may see it.
 */
export const caseViewOf = async (
  deps: CaseViewDeps,
  settings: CasePageSettings,
  followUp: FollowUp,
  holder: CaseLinkHolder,
  token: string
): Promise<CaseView> => {
  const [survey, events, earlier] = await Promise.all([
    deps.surveys.find(followUp.surveyId),
    deps.caseEvents.list(followUp.followUpId),
    earlierRatingsOf(deps, followUp),
  ]);
  return {
    language: settings.staffLanguage,
    timeZone: settings.timeZone,
    followUp,
    ticketUrl: ticketUrlOf(settings, survey?.source, followUp.ticketId),
    agentName: survey?.agentName,
    requesterEmail: mayViewRequesterAddress(holder)
      ? (followUp.requesterEmail ?? undefined)
      : undefined,
    holderRole: holder.role,
    pagePath: `/f/${encodeURIComponent(token)}`,
    timeline: caseTimeline(followUp, events),
    earlier,
  };
};

/**
 * Opens the case behind a page request's link and runs `then` with it; an owner's link
 * that a reassignment revoked answers 410 with "handed over". Unknown and expired links
 * are the page handler's (404, 410).
 */
export const withCaseLink = async (
  deps: Pick<CaseViewDeps, 'tokens' | 'followUps' | 'now'>,
  settings: CasePageSettings,
  event: APIGatewayProxyEventV2,
  then: (opened: {
    followUp: FollowUp;
    holder: CaseLinkHolder;
    token: string;
  }) => Promise<APIGatewayProxyStructuredResultV2>
): Promise<APIGatewayProxyStructuredResultV2> => {
  const token = event.pathParameters?.token;
  try {
    const opened = await openCaseLink(deps, token, deps.now());
    return await then({ ...opened, token: token ?? '' });
  } catch (error) {
    if (error instanceof CaseLinkRevokedError)
      return htmlResponse(410, caseHandedOverPage(settings.staffLanguage));
    throw error;
  }
};

/** The answer to a form that was recorded: back to the case page (a refresh re-sends nothing). */
export const seeCasePage = (token: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 303,
  headers: { location: `/f/${encodeURIComponent(token)}`, 'cache-control': 'no-store' },
  body: '',
});

/** A form body's string fields, to show a form back as it was typed. */
export const formValues = (body: unknown): Record<string, string> =>
  body && typeof body === 'object'
    ? Object.fromEntries(
        Object.entries(body).flatMap(([name, value]) =>
          typeof value === 'string' ? [[name, value]] : []
        )
      )
    : {};
