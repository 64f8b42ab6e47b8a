import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { logger } from '../powertools.ts';

export type HttpLambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * A client's error (a 4xx thrown as middy's http errors, e.g. the 415 of the JSON body
 * parser), or undefined for any other error: ours.
 */
const clientError = (error: unknown): { statusCode: number; name: string } | undefined =>
  error instanceof Error &&
  'statusCode' in error &&
  typeof error.statusCode === 'number' &&
  error.statusCode >= 400 &&
  error.statusCode < 500
    ? { statusCode: error.statusCode, name: error.name }
    : undefined;

/**
 * A client's mistake is no fault of ours: WARN with its status and name, no stack (and no
 * message, which may quote the request). Anything else is logged as the error it is.
 */
const logFailure = (error: unknown): void => {
  const rejected = clientError(error);
  if (rejected) {
    logger.warn('request rejected', { statusCode: rejected.statusCode, error: rejected.name });
    return;
  }
  logger.error('request failed', { error });
};

/**
 * The middleware stack of every HTTP handler: request-scoped logging (never the event:
 * it may hold emails, comments and tokens), lower-cased headers, security headers, and
 * one place that turns errors into responses without a stack trace, logging a client's
 * 4xx at WARN and only our own errors at ERROR.
 * @param lambdaHandler the route's handler: parse → call a service → map the result
 */
export const httpHandler = (lambdaHandler: HttpLambdaHandler) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(httpSecurityHeaders())
    .use(
      httpErrorHandler({
        logger: logFailure,
        fallbackMessage: JSON.stringify({ message: 'Internal Server Error' }),
      })
    )
    .handler(lambdaHandler);
