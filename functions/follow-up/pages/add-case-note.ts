/**
 * POST /f/{token}/note (public; the case link). Input: an internal note. The first one takes
 * the case in progress (the note optional then); later ones add a note (required). Answers
 * 303 to the case page; a bad form comes back (400) with what was typed; a resolved case,
 * 409 with what is on record. Notes never reach the requester.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { pageHandler } from '#shared/http/page-handler.ts';
import { parsedBody } from '#shared/http/request.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { FollowUpAlreadyResolvedError } from '../already-resolved-error.ts';
import { resolverOf } from '../case-link-holder.ts';
import { addCaseNote, NoteRequiredError } from '../case-note.service.ts';
import { noteSchema } from '../follow-up.schema.ts';
import { caseFormErrors } from './case-form-errors.ts';
import { casePageWords } from './case-page-words.ts';
import { caseAlreadyResolvedPage, casePage } from './case-page.ts';
import {
  caseViewOf,
  formValues,
  seeCasePage,
  withCaseLink,
  casePageSettings,
} from './case-view.ts';

const deps = storeFromEnv();
const settingsSource = settingsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  // The settings in force now (AppConfig or the local file, through their cache).
  const settings = casePageSettings(await settingsSource.current());
  return withCaseLink(deps, settings, event, async ({ followUp, holder, token }) => {
    const body = parsedBody(event);
    const parsed = noteSchema.safeParse(body);
    const errors = parsed.success ? [] : caseFormErrors(parsed.error, settings.staffLanguage);
    try {
      if (parsed.success)
        await addCaseNote(deps, followUp, { ...parsed.data, by: resolverOf(holder) });
    } catch (error) {
      if (error instanceof FollowUpAlreadyResolvedError) {
        const resolved = await deps.followUps.get(followUp.followUpId);
        const recorded = await caseViewOf(deps, settings, resolved, holder, token);
        return htmlResponse(409, caseAlreadyResolvedPage(recorded));
      }
      if (!(error instanceof NoteRequiredError)) throw error;
      errors.push(casePageWords[settings.staffLanguage].errors.note);
    }
    if (errors.length === 0) return seeCasePage(token);
    const view = await caseViewOf(deps, settings, followUp, holder, token);
    return htmlResponse(400, casePage(view, { form: 'note', errors, values: formValues(body) }));
  });
};

export const handler = pageHandler(settingsSource, lambdaHandler, 'staff');
