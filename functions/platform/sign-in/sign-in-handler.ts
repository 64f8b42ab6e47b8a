import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpLambdaHandler } from '#shared/http/http-handler.ts';
import { requestLanguage } from '#shared/http/request.ts';
import { htmlResponse } from '#shared/layout/page-layout.ts';
import { logger } from '#shared/powertools.ts';
import { signInProblemPage } from './sign-in-pages.ts';

/**
 * The stack of the sign-in pages and the console: form bodies parsed, the pages' own CSP
 * (layout/page-layout.ts), and any failure as a page in the browser's language (Russian
 * when it asks for neither), never JSON and never a trace. Unlike page-handler.ts it reads
 * no settings: a person who is not signed in yet has no installation language to go by
 * but their browser's, and these functions need no settings access for it.
 */
export const signInPageHandler = (handler: HttpLambdaHandler) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(httpUrlencodeBodyParser({ disableContentTypeError: true }))
    .use(httpSecurityHeaders({ contentSecurityPolicy: false, permissionsPolicy: false }))
    .use<middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>>({
      onError: (request) => {
        const status: unknown =
          request.error && typeof request.error === 'object' && 'statusCode' in request.error
            ? request.error.statusCode
            : undefined;
        const client = typeof status === 'number' && status >= 400 && status < 500;
        if (client) logger.warn('sign-in request rejected', { statusCode: status });
        else logger.error('sign-in page failed', { error: request.error });
        request.response = htmlResponse(
          client ? 400 : 500,
          signInProblemPage(requestLanguage(request.event, 'ru'), client ? 'refused' : 'error')
        );
      },
    })
    .handler(handler);
