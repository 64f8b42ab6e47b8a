/**
 * GET /f/{token} (public; the owner's personal, expiring link). Shows the case and the
 * form for root cause and corrective action; a resolved case shows as resolved.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { pageHandler } from '#shared/http/page-handler.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { casePage, caseResolvedPage } from './case-page.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { openCaseLink } from '../case-link-holder.ts';

const store = storeFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const { followUp } = await openCaseLink(store, event.pathParameters?.token, store.now());
  if (followUp.status === 'resolved') return htmlResponse(200, caseResolvedPage(followUp.locale));
  return htmlResponse(200, casePage({ language: followUp.locale, ...followUp }));
};

export const handler = pageHandler(settingsFromEnv(), lambdaHandler);
