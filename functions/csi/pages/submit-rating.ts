/**
 * POST /r/{token} (public; the token is the credential). Input: score 1–5, reasons,
 * comment ≤ 2,000 characters, as a form or JSON. Records the rating (or replaces the
 * earlier one while the survey is open) and answers 303 to `/r/{token}?thanks=1` (the
 * thank-you page; a reload re-sends nothing), or JSON when asked. A bad form comes back
 * (400) with one line per field in the page's language.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { followRating } from '#functions/csi/tasks/open-follow-up.service.ts';
import { describeIssues } from '#shared/kernel/zod-issues.ts';
import { jsonResponse } from '#shared/http/json-response.ts';
import { pageHandler } from '#shared/http/page-handler.ts';
import { parsedBody, wantsJson } from '#shared/http/request.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { ratingPage } from './rating-page.ts';
import { ratingErrorLines, ratingErrorMap } from './rating-errors.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { stateMachineArnFromEnv, workflowPortFromEnv } from '#shared/workflow/workflow-from-env.ts';
import { openRatingLink, submitRating, type RatingDeps } from './rating-link.service.ts';
import { ratingSubmissionSchema } from './rating.schema.ts';
import { submitRatingStoresFromEnv } from './submit-rating-stores.ts';

const store = submitRatingStoresFromEnv(); // with one read of link and survey
const settings = settingsFromEnv();
const workflow = workflowPortFromEnv();
const followUpStateMachineArn = stateMachineArnFromEnv('FOLLOW_UP_CASE_STATE_MACHINE_ARN');
// The settings in force at this invocation (settings-source.ts), not at cold start.
const depsNow = async (): Promise<RatingDeps> => {
  const current = await settings.current();
  const followUpDeps = { ...store, workflow, followUpStateMachineArn, settings: current };
  return {
    ...store,
    workflow,
    settings: current,
    followRating: (rated) => followRating(followUpDeps, rated),
  };
};

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  // The settings are read beside the link (one wait, not two); a bad link still answers first.
  const deps = depsNow();
  deps.catch(() => undefined);
  const survey = await openRatingLink(store, event.pathParameters?.token);
  const body = parsedBody(event);
  if (wantsJson(event)) {
    const parsed = ratingSubmissionSchema.safeParse(body);
    if (!parsed.success)
      return jsonResponse(400, { message: 'invalid rating', errors: describeIssues(parsed.error) });
    const result = await submitRating(await deps, survey, parsed.data, userAgentOf(event));
    return jsonResponse(200, result);
  }
  const parsed = ratingSubmissionSchema.safeParse(body, {
    error: ratingErrorMap(survey.locale),
  });
  if (!parsed.success) {
    return htmlResponse(
      400,
      ratingPage({
        language: survey.locale,
        ticketNumber: survey.ticketNumber,
        title: survey.title,
        errors: ratingErrorLines(survey.locale, parsed.error),
      })
    );
  }
  await submitRating(await deps, survey, parsed.data, userAgentOf(event));
  // Post/Redirect/Get: the thank-you page is a GET of the same link.
  return {
    statusCode: 303,
    headers: { location: `${event.rawPath}?thanks=1`, 'cache-control': 'no-store' },
    body: '',
  };
};

const userAgentOf = (event: APIGatewayProxyEventV2) => event.headers['user-agent'] ?? '';

export const handler = pageHandler(settings, lambdaHandler);
