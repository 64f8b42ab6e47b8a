import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { LinkGoneError, LinkNotFoundError } from '../data/resolve-link.ts';
import { FollowUpNotFoundError, SurveyNotFoundError } from '../data/not-found-errors.ts';
import type { Language } from '../kernel/language.ts';
import { errorPage } from '../layout/error-page.ts';
import { htmlResponse } from '../layout/page-layout.ts';
import { logger, metrics } from '../powertools.ts';
import type { SettingsSource } from '../settings/settings-source.ts';
import { jsonResponse } from './json-response.ts';
import { requestLanguage, wantsJson } from './request.ts';
import type { HttpLambdaHandler } from './http-handler.ts';
import { TryAgainError } from './try-again-error.ts';

/** middy's own answer when the function is about to reach its timeout (`timeoutEarlyResponse`). */
const timedOut = (error: unknown): boolean =>
  error instanceof Error && error.name === 'TimeoutError';

const withHeader = (
  response: APIGatewayProxyStructuredResultV2,
  name: string,
  value: string
): APIGatewayProxyStructuredResultV2 => ({
  ...response,
  headers: { ...response.headers, [name]: value },
});

/**
 * Who reads a page's errors. `requester`: the employee's pages (/r, /u), in the browser's
 * language, else the installation's `defaultLocale`. `staff`: the SSC's own pages (/f, the
 * case), always in `sscLanguage` as the case page and its mails are, whatever the browser
 * or the requester speaks.
 */
export type PageAudience = 'requester' | 'staff';

/** The language of an error page for its audience, from the settings in force now. */
const errorLanguage = async (
  settings: SettingsSource,
  audience: PageAudience,
  event: APIGatewayProxyEventV2
): Promise<Language> => {
  // Russian when the settings cannot be read (the default of both settings).
  const configured: Language = await settings.current().then(
    (current) => (audience === 'staff' ? current.sscLanguage : current.defaultLocale),
    () => 'ru'
  );
  return audience === 'staff' ? configured : requestLanguage(event, configured);
};

/**
 * Errors a page handler maps to a page: 404 and 410 for links, 503 "try again" for a request
 * that lost to others at the same moment or ran out of time, 500 for anything else.
 */
const pageErrors = (
  settings: SettingsSource,
  audience: PageAudience
): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  onError: async (request) => {
    const { error, event } = request;
    const json = wantsJson(event);
    const language = await errorLanguage(settings, audience, event);
    if (error instanceof LinkNotFoundError || error instanceof LinkGoneError) {
      const status = error instanceof LinkNotFoundError ? 404 : 410;
      request.response = json
        ? jsonResponse(status, { message: status === 404 ? 'Not Found' : 'Gone' })
        : htmlResponse(status, errorPage(language, status === 404 ? 'not-found' : 'gone'));
      return;
    }
    if (error instanceof SurveyNotFoundError || error instanceof FollowUpNotFoundError) {
      request.response = json
        ? jsonResponse(404, { message: 'Not Found' })
        : htmlResponse(404, errorPage(language, 'not-found'));
      return;
    }
    if (error instanceof TryAgainError || timedOut(error)) {
      // The same request may well succeed in a moment, and the person is told so instead of
      // "something went wrong". A timeout (middy answers just before the function's end) is
      // still logged as an error: it is worth an alarm even when the person can try again.
      if (error instanceof TryAgainError) logger.warn('page busy', { name: error.name });
      else logger.error('page timed out', { error });
      request.response = json
        ? jsonResponse(503, { message: 'Please try again' }, { 'retry-after': '2' })
        : withHeader(htmlResponse(503, errorPage(language, 'busy')), 'retry-after', '2');
      return;
    }
    // The body parsers' own errors (a malformed form or JSON body) carry a 4xx status.
    const status: unknown =
      error && typeof error === 'object' && 'statusCode' in error ? error.statusCode : undefined;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      request.response = json
        ? jsonResponse(400, { message: 'Bad Request' })
        : htmlResponse(400, errorPage(language, 'bad-request'));
      return;
    }
    logger.error('page failed', { error });
    request.response = json
      ? jsonResponse(500, { message: 'Internal Server Error' })
      : htmlResponse(500, errorPage(language, 'error'));
  },
});

/**
 * The stack of every page people open from a mail: form and JSON bodies parsed by middy
 * (other content types are left as they are and fail validation with a 400), security
 * headers with a CSP that allows no script, and errors as localized pages, never a trace
 * (in the language of the `audience`: see PageAudience).
 */
export const pageHandler = (
  settings: SettingsSource,
  handler: HttpLambdaHandler,
  audience: PageAudience = 'requester'
) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(httpHeaderNormalizer())
    .use(httpUrlencodeBodyParser({ disableContentTypeError: true }))
    .use(httpJsonBodyParser({ disableContentTypeError: true }))
    // CSP and Permissions-Policy are set by htmlResponse (layout/page-layout.ts): middy's default
    // CSP adds `sandbox`, which blocks the forms, and its Permissions-Policy lists features
    // that browsers no longer recognize (each one a console error).
    .use(httpSecurityHeaders({ contentSecurityPolicy: false, permissionsPolicy: false }))
    .use(pageErrors(settings, audience))
    .handler(handler);
