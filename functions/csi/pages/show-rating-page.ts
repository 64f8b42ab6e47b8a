/**
 * GET and HEAD /r/{token} (public; the token is the credential). Shows the rating form
 * with the mail's score chosen. Never records a rating: a GET is kept as an unconfirmed
 * click (mail scanners open every link), a HEAD records nothing at all.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { jsonResponse } from '#shared/http/json-response.ts';
import { pageHandler } from '#shared/http/page-handler.ts';
import { wantsJson } from '#shared/http/request.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { ratingPage } from './rating-page.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { openRatingLink, recordClick } from './rating-link.service.ts';
import { scoreQuerySchema } from './rating.schema.ts';

const store = storeFromEnv();
const settings = settingsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const survey = await openRatingLink(store, event.pathParameters?.token);
  if (event.requestContext.http.method === 'HEAD') return htmlResponse(200, '');
  await recordClick(store, survey, event.headers['user-agent'] ?? '');
  const { score } = scoreQuerySchema.parse(event.queryStringParameters ?? {});
  const previous =
    survey.status === 'rated' ? await store.responses.find(survey.surveyId) : undefined;
  const chosen = score ?? previous?.score;
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
    })
  );
};

export const handler = pageHandler(settings, lambdaHandler);
