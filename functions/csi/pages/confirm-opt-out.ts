/**
 * POST /u/{token} (public; the token is the credential): the page's forms (opt out, or take
 * it back with `action=resubscribe`), or a mail client's RFC 8058 one-click request (body
 * `List-Unsubscribe=One-Click`). A form is answered 303 to the page (a reload re-sends
 * nothing), which then shows where the person stands; a one-click client, which follows no
 * redirect, gets the "unsubscribed" page itself.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { jsonResponse } from '#shared/http/json-response.ts';
import { pageHandler } from '#shared/http/page-handler.ts';
import { parsedBody, wantsJson } from '#shared/http/request.ts';
import { errorPage } from '#shared/layout/error-page.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { csiWords } from '../words.ts';
import { optOutPage } from './opt-out-page.ts';
import { maskedAddress } from './masked-address.ts';
import { openOptOutLink, optOut, resubscribe } from './opt-out.service.ts';
import { optOutRequestSchema } from './opt-out.schema.ts';
import { optOutStoresFromEnv } from './opt-out-stores.ts';

const store = optOutStoresFromEnv();
const settings = settingsFromEnv();

const seeOptOutPage = (token: string, view?: 'resubscribed') => ({
  statusCode: 303,
  headers: {
    location: `/u/${encodeURIComponent(token)}${view ? `?view=${view}` : ''}`,
    'cache-control': 'no-store',
  },
  body: '',
});

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const token = event.pathParameters?.token;
  const survey = await openOptOutLink(store, token);
  const parsed = optOutRequestSchema.safeParse(parsedBody(event));
  if (!parsed.success) {
    if (wantsJson(event)) return jsonResponse(400, { message: 'unknown action' });
    const t = csiWords[survey.locale];
    return htmlResponse(400, errorPage(survey.locale, 'bad-request', [t.optOutUnknownAction]));
  }
  const { action, oneClick } = parsed.data;
  if (action === 'resubscribe') await resubscribe(store, survey);
  else await optOut(store, survey);
  if (wantsJson(event)) return jsonResponse(200, { optedOut: action === 'unsubscribe' });
  if (!oneClick)
    return seeOptOutPage(token ?? '', action === 'resubscribe' ? 'resubscribed' : undefined);
  // No read back for a client that shows nothing: the page without the time of the opt-out.
  const { timeZone } = await settings.current();
  return htmlResponse(
    200,
    optOutPage({
      language: survey.locale,
      timeZone,
      state: 'unsubscribed',
      address: survey.requesterEmail ? maskedAddress(survey.requesterEmail) : undefined,
    })
  );
};

export const handler = pageHandler(settings, lambdaHandler);
