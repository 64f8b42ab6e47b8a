import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { logger, metrics } from './powertools.ts';

/**
 * The middleware stack of every scheduled function (EventBridge rules): request-scoped
 * logs and EMF metrics. The scheduled event carries nothing the function reads, so there
 * is no input to validate; a task of a workflow uses taskHandler instead.
 */
export const scheduledHandler = <R>(fn: () => Promise<R>) =>
  middy()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(fn);
