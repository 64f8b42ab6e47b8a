/**
 * POST /auth/sign-out (public; form field `_csrf`, the session's CSRF token). Ends the
 * session and clears its cookies, then 303 to /auth/signed-out. Without the token (a
 * cross-site form) → 403 page, the session stays.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { parsedBody, requestLanguage } from '#shared/http/request.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { signInDepsFromEnv } from './sign-in-deps.ts';
import { signInPageHandler } from './sign-in-handler.ts';
import { signInProblemPage } from './sign-in-pages.ts';
import { signOut } from './sign-in.service.ts';

const deps = signInDepsFromEnv();
const formSchema = z.object({ _csrf: z.string().optional() });

export const lambdaHandler = async (event: APIGatewayProxyEventV2) => {
  const form = formSchema.safeParse(parsedBody(event));
  const token = (form.success ? form.data._csrf : undefined) ?? event.headers['x-csrf-token'];
  const outcome = await signOut(event.cookies, token, deps);
  if (outcome.kind === 'refused')
    return htmlResponse(403, signInProblemPage(requestLanguage(event, 'ru'), 'refused'));
  return {
    statusCode: 303,
    headers: { location: '/auth/signed-out', 'cache-control': 'no-store' },
    cookies: outcome.cookies,
  };
};

export const handler = signInPageHandler(lambdaHandler);
