/**
 * GET /u/{token} (public; the token is the credential). Writes nothing (a mail scanner that
 * opens the link opts nobody out): the question with the address it covers, or "you are
 * unsubscribed" with a way back, in the survey's language; `?view=stay` and
 * `?view=resubscribed` answer "stay subscribed" and the re-subscribe's redirect.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { pageHandler } from '#shared/http/page-handler.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { optOutPage } from './opt-out-page.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { openOptOutLink, optOutStateOf, optOutStatus } from './opt-out.service.ts';
import { optOutQuerySchema } from './opt-out.schema.ts';
import { optOutStoresFromEnv } from './opt-out-stores.ts';

const store = optOutStoresFromEnv();
const settings = settingsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const survey = await openOptOutLink(store, event.pathParameters?.token);
  const query = optOutQuerySchema.parse(event.queryStringParameters ?? {});
  const [status, current] = await Promise.all([optOutStatus(store, survey), settings.current()]);
  return htmlResponse(
    200,
    optOutPage({
      language: survey.locale,
      timeZone: current.timeZone,
      state: optOutStateOf(status, query.view),
      address: status.address,
      optedOutAt: status.optedOutAt,
    })
  );
};

export const handler = pageHandler(settings, lambdaHandler);
