/**
 * GET /auth/callback?code=…&state=… (public; the issuer sends the browser back here).
 * Finishes the sign-in started at /auth/sign-in: a session and its cookies, then 303 to
 * the page asked for. A replayed, expired or forged callback → 400 page, nothing written;
 * an account in no access group → 403 page.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requestLanguage } from '#shared/http/request.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { signInDepsFromEnv } from './sign-in-deps.ts';
import { signInPageHandler } from './sign-in-handler.ts';
import { signInProblemPage } from './sign-in-pages.ts';
import { completeSignIn } from './sign-in.service.ts';

const deps = signInDepsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const outcome = await completeSignIn(event.rawQueryString, deps);
  const language = requestLanguage(event, 'ru');
  if (outcome.kind === 'failed') return htmlResponse(400, signInProblemPage(language, 'failed'));
  if (outcome.kind === 'no-role') return htmlResponse(403, signInProblemPage(language, 'no-role'));
  return {
    statusCode: 303,
    headers: { location: outcome.returnTo, 'cache-control': 'no-store' },
    cookies: outcome.cookies,
  };
};

export const handler = signInPageHandler(lambdaHandler);
