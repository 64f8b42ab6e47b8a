/**
 * GET and HEAD /r/{token} (public; the token is the credential). Shows the rating form
 * with the mail's score chosen. Never records a rating: a GET is kept as an unconfirmed
 * click and a HEAD only logged (mail scanners open every link), for the scanner heuristics
 * that decide at the end of the survey's wait (docs/rating.md). `?thanks=1` is where a
 * submitted form lands (303): the thank-you page, so a reload re-sends nothing. A rated
 * survey's link still shows the rating once the survey closed.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { jsonResponse } from '#shared/http/json-response.ts';
import { pageHandler } from '#shared/http/page-handler.ts';
import { wantsJson } from '#shared/http/request.ts';
import { isLowScore } from '#shared/kernel/survey-rules.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { formatDateTime } from '#shared/mail/mail-time.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { ratingNotices } from './rating-notices.ts';
import { ratingPage } from './rating-page.ts';
import { ratingRecordedPage } from './rating-recorded-page.ts';
import { thankYouPage } from './thank-you-page.ts';
import { openRatingView, recordClick, recordHead } from './rating-link.service.ts';
import { scoreQuerySchema } from './rating.schema.ts';
import { ratingPageStoresFromEnv } from './rating-page-stores.ts';

const store = ratingPageStoresFromEnv();
const settings = settingsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const view = await openRatingView(store, event.pathParameters?.token);
  const { survey } = view;
  const userAgent = event.headers['user-agent'] ?? '';
  if (event.requestContext.http.method === 'HEAD') {
    if (view.open) await recordHead(store, survey, userAgent);
    return htmlResponse(200, '');
  }
  const current = await settings.current();
  const when = (iso: string) => formatDateTime(survey.locale, current.timeZone, iso);
  const query = scoreQuerySchema.parse(event.queryStringParameters ?? {});
  if (!view.open || (query.thanks && survey.status === 'rated')) {
    const score = view.open ? (survey.score ?? 0) : view.survey.score;
    if (wantsJson(event)) return jsonResponse(200, { status: survey.status, score });
    const page = view.open
      ? thankYouPage(survey.locale, score, isLowScore(score, current), when(survey.closesAt ?? ''))
      : ratingRecordedPage({
          ...{ language: survey.locale, ticketNumber: survey.ticketNumber, title: survey.title },
          score,
          ratedAt: survey.ratedAt === undefined ? undefined : when(survey.ratedAt),
        });
    return htmlResponse(200, page);
  }
  const { score } = query;
  await recordClick(store, survey, userAgent, score);
  const rated = survey.status === 'rated';
  const previous = rated ? await store.responses.find(survey.surveyId) : undefined;
  const chosen = score ?? previous?.score ?? survey.score;
  if (wantsJson(event)) {
    return jsonResponse(200, {
      ticketNumber: survey.ticketNumber,
      title: survey.title,
      score: chosen,
      status: survey.status,
    });
  }
  return htmlResponse(
    200,
    ratingPage({
      language: survey.locale,
      ticketNumber: survey.ticketNumber,
      title: survey.title,
      score: chosen,
      reasons: previous?.reasons ?? [],
      comment: previous?.comment ?? '',
      notices: ratingNotices(survey, score, current.rating.policy, when),
    })
  );
};

export const handler = pageHandler(settings, lambdaHandler);
