/**
 * POST /u/{token} (public; the token is the credential): the confirmation form, or a mail
 * client's RFC 8058 one-click request (body `List-Unsubscribe=One-Click`). Records the
 * opt-out: the person gets no more surveys.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { jsonResponse } from '#shared/http/json-response.ts';
import { pageHandler } from '#shared/http/page-handler.ts';
import { wantsJson } from '#shared/http/request.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { optOutPage } from './opt-out-page.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { openOptOutLink, optOut } from './opt-out.service.ts';

const store = storeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const survey = await openOptOutLink(store, event.pathParameters?.token);
  await optOut(store, survey);
  if (wantsJson(event)) return jsonResponse(200, { optedOut: true });
  return htmlResponse(200, optOutPage(survey.locale, true));
};

export const handler = pageHandler(settingsFromEnv(), lambdaHandler);
