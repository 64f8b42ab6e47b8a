/**
 * GET /auth/sign-in?returnTo=/console (public). Input: `returnTo`, a path of this site
 * (default /console). 302 to the issuer's sign-in page (authorization code flow with PKCE);
 * a `returnTo` leading elsewhere → 400 page, nothing written.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requestLanguage } from '#shared/http/request.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { signInDepsFromEnv } from './sign-in-deps.ts';
import { signInPageHandler } from './sign-in-handler.ts';
import { signInProblemPage } from './sign-in-pages.ts';
import { startSignIn } from './sign-in.service.ts';

const deps = signInDepsFromEnv();

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const outcome = await startSignIn(event.queryStringParameters?.returnTo, deps);
  if (outcome.kind === 'bad-return-to')
    return htmlResponse(400, signInProblemPage(requestLanguage(event, 'ru'), 'bad-return-to'));
  return { statusCode: 302, headers: { location: outcome.url, 'cache-control': 'no-store' } };
};

export const handler = signInPageHandler(lambdaHandler);
