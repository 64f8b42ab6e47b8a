/**
 * GET /console (admin; every role). The console's home for the person signed in; without a
 * session (the authorizer lets this page through unsigned) → 303 to sign in and back.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { csrfHashOf } from '#shared/access/csrf.ts';
import { pageAccess } from '#shared/access/page-access.ts';
import { routeAccessFromEnv } from '#shared/access/route-access-env.ts';
import { cookieNamesFor, cookieValue } from '#shared/access/session-cookie.ts';
import { readEnv } from '#shared/env.ts';
import { requestLanguage } from '#shared/http/request.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { signInPageHandler } from '../sign-in/sign-in-handler.ts';
import { signInProblemPage } from '../sign-in/sign-in-pages.ts';
import { consolePage } from './console-page.ts';

const env = readEnv(z.object({ PUBLIC_BASE_URL: z.url() }));
const names = cookieNamesFor(env.PUBLIC_BASE_URL);
const rules = routeAccessFromEnv();

export const lambdaHandler = (event: APIGatewayProxyEventV2) => {
  const access = pageAccess(event, rules);
  const language = requestLanguage(event, 'ru');
  if (access.kind === 'sign-in') {
    const headers = { location: access.location, 'cache-control': 'no-store' };
    return Promise.resolve({ statusCode: 303, headers });
  }
  if (access.kind === 'forbidden')
    return Promise.resolve(htmlResponse(403, signInProblemPage(language, 'forbidden')));
  const { principal } = access.grant;
  // The form gets the CSRF token only when it is this session's (its hash is the principal's).
  const token = cookieValue(event.cookies, names.csrf);
  const csrf = token !== undefined && csrfHashOf(token) === principal.csrfHash ? token : undefined;
  return Promise.resolve(htmlResponse(200, consolePage(language, principal, csrf)));
};

export const handler = signInPageHandler(lambdaHandler);
