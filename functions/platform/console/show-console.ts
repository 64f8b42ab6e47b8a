/**
 * GET /console (admin; every role). The console's home for the person signed in; without a
 * session (the authorizer lets this page through unsigned) → 303 to sign in and back.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { csrfHashOf } from '#shared/access/csrf.ts';
import { principalOf } from '#shared/access/principal.ts';
import { cookieNamesFor, cookieValue } from '#shared/access/session-cookie.ts';
import { readEnv } from '#shared/env.ts';
import { requestLanguage } from '#shared/http/request.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { signInPageHandler } from '../sign-in/sign-in-handler.ts';
import { consolePage } from './console-page.ts';

const env = readEnv(z.object({ PUBLIC_BASE_URL: z.url() }));
const names = cookieNamesFor(env.PUBLIC_BASE_URL);

export const lambdaHandler = (event: APIGatewayProxyEventV2) => {
  const principal = principalOf(event);
  if (!principal) {
    const back = event.rawQueryString ? `${event.rawPath}?${event.rawQueryString}` : event.rawPath;
    const location = `/auth/sign-in?returnTo=${encodeURIComponent(back)}`;
    return Promise.resolve({ statusCode: 303, headers: { location, 'cache-control': 'no-store' } });
  }
  // The form gets the CSRF token only when it is this session's (its hash is the principal's).
  const token = cookieValue(event.cookies, names.csrf);
  const csrf = token !== undefined && csrfHashOf(token) === principal.csrfHash ? token : undefined;
  return Promise.resolve(
    htmlResponse(200, consolePage(requestLanguage(event, 'ru'), principal, csrf))
  );
};

export const handler = signInPageHandler(lambdaHandler);
