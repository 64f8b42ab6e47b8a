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
 * The middleware stack of every HTTP handler: request-scoped logging (never the event:
 * it may hold emails, comments and tokens), lower-cased headers, security headers, and
 * one place that turns errors into responses without a stack trace.
 * @param lambdaHandler the route's handler: parse → call a service → map the result
 */
export const httpHandler = (lambdaHandler: HttpLambdaHandler) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(httpSecurityHeaders())
    .use(
      httpErrorHandler({
        logger: (error: unknown) => {
          logger.error('request failed', { error });
        },
        fallbackMessage: JSON.stringify({ message: 'Internal Server Error' }),
      })
    )
    .handler(lambdaHandler);
