/**
 * GET /f/{token} (public; the owner's personal, expiring link). Shows the case and the
 * form for root cause and corrective action; a resolved case shows as resolved.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { resolveLink } from '#shared/data/resolve-link.ts';
import { getFollowUp } from '#shared/data/store.ts';
import { pageHandler } from '#shared/http/page-handler.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { casePage, caseResolvedPage } from '#shared/layout/pages.ts';
import { caseDepsFromEnv } from '../case-deps.ts';

const deps = caseDepsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const link = await resolveLink(deps, event.pathParameters?.token, 'case', deps.now());
  const followUp = await getFollowUp(deps, link.subjectId);
  if (followUp.status === 'resolved') return htmlResponse(200, caseResolvedPage(followUp.locale));
  return htmlResponse(200, casePage({ language: followUp.locale, ...followUp }));
};

export const handler = pageHandler(deps.defaultLocale, lambdaHandler);
