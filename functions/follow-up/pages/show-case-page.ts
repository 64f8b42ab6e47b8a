/**
 * GET /f/{token} (public; the owner's or escalation contact's personal, expiring link).
 * Shows the case in the SSC's language with its whole context and timeline: the forms
 * while it is open, what was recorded once it is resolved; an owner's link revoked by a
 * reassignment says the case was handed over (410).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { pageHandler } from '#shared/http/page-handler.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { casePage } from './case-page.ts';
import { caseViewOf, withCaseLink, casePageSettings } from './case-view.ts';

const store = storeFromEnv();
const settingsSource = settingsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  // The settings in force now (AppConfig or the local file, through their cache).
  const settings = casePageSettings(await settingsSource.current());
  return withCaseLink(store, settings, event, async ({ followUp, holder, token }) =>
    htmlResponse(200, casePage(await caseViewOf(store, settings, followUp, holder, token)))
  );
};

export const handler = pageHandler(settingsSource, lambdaHandler, 'staff');
