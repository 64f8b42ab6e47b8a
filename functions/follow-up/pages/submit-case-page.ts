/**
 * POST /f/{token} (public; the owner's or escalation contact's personal link). Input: root
 * cause, corrective action (internal), whether to tell the requester, and the message to
 * them (required then). Resolves the case and answers 303 to the case page, which shows
 * what was recorded; a bad form comes back (400) with what was typed and what to fix; a
 * case resolved already (a second submit, or one of several at once) answers 409 with
 * what is on record.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { FollowUp } from '#shared/data/follow-up.ts';
import type { CaseLinkHolder } from '#shared/data/token.ts';
import { pageHandler } from '#shared/http/page-handler.ts';
import { parsedBody } from '#shared/http/request.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { FollowUpAlreadyResolvedError } from '../already-resolved-error.ts';
import { resolverOf } from '../case-link-holder.ts';
import { caseResolutionDepsFromEnv } from '../case-resolution-deps.ts';
import { resolutionSchema } from '../follow-up.schema.ts';
import { resolveFollowUp } from '../resolve-follow-up.service.ts';
import { caseFormErrors } from './case-form-errors.ts';
import { caseAlreadyResolvedPage, casePage } from './case-page.ts';
import {
  caseViewOf,
  formValues,
  seeCasePage,
  withCaseLink,
  casePageSettings,
  type CasePageSettings,
} from './case-view.ts';

const deps = caseResolutionDepsFromEnv();
const settingsSource = settingsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  // The settings in force now (AppConfig or the local file, through their cache).
  const settings = casePageSettings(await settingsSource.current());
  return withCaseLink(deps, settings, event, async ({ followUp, holder, token }) => {
    if (followUp.status === 'resolved') return alreadyResolved(settings, followUp, holder, token);
    const body = parsedBody(event);
    const parsed = resolutionSchema.safeParse(body);
    if (!parsed.success) {
      const view = await caseViewOf(deps, settings, followUp, holder, token);
      const errors = caseFormErrors(parsed.error, settings.staffLanguage);
      return htmlResponse(
        400,
        casePage(view, { form: 'resolve', errors, values: formValues(body) })
      );
    }
    try {
      await resolveFollowUp(deps, followUp.followUpId, {
        ...parsed.data,
        resolvedBy: resolverOf(holder),
      });
    } catch (error) {
      if (!(error instanceof FollowUpAlreadyResolvedError)) throw error;
      // Another resolve won: show the resolution that was recorded, not this form's.
      return alreadyResolved(
        settings,
        await deps.followUps.get(followUp.followUpId),
        holder,
        token
      );
    }
    return seeCasePage(token);
  });
};

const alreadyResolved = async (
  settings: CasePageSettings,
  followUp: FollowUp,
  holder: CaseLinkHolder,
  token: string
) =>
  htmlResponse(
    409,
    caseAlreadyResolvedPage(await caseViewOf(deps, settings, followUp, holder, token))
  );

export const handler = pageHandler(settingsSource, lambdaHandler, 'staff');
