import type { Context } from 'aws-lambda';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { logger, metrics } from './powertools.ts';

/**
 * The middleware stack of every scheduled function (EventBridge rules): request-scoped
 * logs and EMF metrics. The scheduled event carries nothing the function reads, so there
 * is no input to validate (one that reads its detail parses it); a task of a workflow uses
 * taskHandler instead.
 */
export const scheduledHandler = <R>(fn: (event: unknown, context: Context) => Promise<R>) =>
  middy()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(fn);
