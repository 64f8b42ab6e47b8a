/**
 * POST /f/{token} (public; the owner's or escalation contact's personal link). Input: root cause, corrective
 * action, whether to tell the requester, and the message. Resolves the case; a case resolved
 * already (a second submit, or one of several at once) answers 409 with what is on record.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { issueLines } from '#shared/kernel/zod-issues.ts';
import { pageHandler } from '#shared/http/page-handler.ts';
import { parsedBody } from '#shared/http/request.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { caseAlreadyResolvedPage, casePage, caseResolvedPage } from './case-page.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { FollowUpAlreadyResolvedError } from '../already-resolved-error.ts';
import { openCaseLink, resolverOf } from '../case-link-holder.ts';
import { caseResolutionDepsFromEnv } from '../case-resolution-deps.ts';
import { resolutionSchema } from '../follow-up.schema.ts';
import { resolveFollowUp } from '../resolve-follow-up.service.ts';

const deps = caseResolutionDepsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const { followUp, holder } = await openCaseLink(deps, event.pathParameters?.token, deps.now());
  if (followUp.status === 'resolved') return alreadyResolved(followUp);
  const parsed = resolutionSchema.safeParse(parsedBody(event));
  if (!parsed.success) {
    const errors = issueLines(parsed.error);
    return htmlResponse(400, casePage({ language: followUp.locale, ...followUp, errors }));
  }
  try {
    await resolveFollowUp(deps, followUp.followUpId, {
      ...parsed.data,
      resolvedBy: resolverOf(holder),
    });
  } catch (error) {
    if (!(error instanceof FollowUpAlreadyResolvedError)) throw error;
    // Another resolve won: show the resolution that was recorded, not this form's.
    return alreadyResolved(await deps.followUps.get(followUp.followUpId));
  }
  return htmlResponse(200, caseResolvedPage(followUp.locale));
};

const alreadyResolved = (followUp: FollowUp) =>
  htmlResponse(409, caseAlreadyResolvedPage({ language: followUp.locale, ...followUp }));

export const handler = pageHandler(settingsFromEnv(), lambdaHandler);
