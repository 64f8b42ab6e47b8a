/**
 * POST /f/{token}/assign (public; the case link). Input: the new owner's address and name.
 * Hands the case over exactly as the admin API's assign does (assign-follow-up.service.ts):
 * the new owner is mailed a link of their own and every earlier owner link is revoked, so
 * the 303 back to this link shows an owner "handed over" (an escalation contact, the case).
 * A bad form comes back (400) with what was typed; a resolved case, 409.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { pageHandler } from '#shared/http/page-handler.ts';
import { parsedBody } from '#shared/http/request.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { FollowUpAlreadyResolvedError } from '../already-resolved-error.ts';
import { assignFollowUp } from '../api/assign-follow-up.service.ts';
import { resolverOf } from '../case-link-holder.ts';
import { caseMailDepsFromEnv } from '../case-mail-deps.ts';
import { pageAssignmentSchema } from '../follow-up.schema.ts';
import { caseFormErrors } from './case-form-errors.ts';
import { caseAlreadyResolvedPage, casePage } from './case-page.ts';
import {
  caseViewOf,
  formValues,
  seeCasePage,
  withCaseLink,
  casePageSettings,
} from './case-view.ts';

const store = storeFromEnv();
const caseMailDeps = caseMailDepsFromEnv();
const settingsSource = settingsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  // The settings in force now (AppConfig or the local file, through their cache).
  const settings = casePageSettings(await settingsSource.current());
  const deps = { ...store, ...(await caseMailDeps()) };
  return withCaseLink(deps, settings, event, async ({ followUp, holder, token }) => {
    const body = parsedBody(event);
    const parsed = pageAssignmentSchema.safeParse(body);
    if (!parsed.success) {
      const view = await caseViewOf(deps, settings, followUp, holder, token);
      const errors = caseFormErrors(parsed.error, settings.staffLanguage);
      return htmlResponse(
        400,
        casePage(view, { form: 'assign', errors, values: formValues(body) })
      );
    }
    try {
      await assignFollowUp(deps, followUp.followUpId, parsed.data.owner, resolverOf(holder));
    } catch (error) {
      if (!(error instanceof FollowUpAlreadyResolvedError)) throw error;
      const resolved = await deps.followUps.get(followUp.followUpId);
      const recorded = await caseViewOf(deps, settings, resolved, holder, token);
      return htmlResponse(409, caseAlreadyResolvedPage(recorded));
    }
    return seeCasePage(token);
  });
};

export const handler = pageHandler(settingsSource, lambdaHandler, 'staff');
