/**
 * GET /u/{token} (public; the token is the credential). A confirmation page: scanners
 * that open the link opt nobody out.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { pageHandler } from '#shared/http/page-handler.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { optOutPage } from './opt-out-page.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { openOptOutLink } from './opt-out.service.ts';

const store = storeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const survey = await openOptOutLink(store, event.pathParameters?.token);
  return htmlResponse(200, optOutPage(survey.locale, false));
};

export const handler = pageHandler(settingsFromEnv(), lambdaHandler);
