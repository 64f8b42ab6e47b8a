import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { z } from 'zod';
import { logger, metrics } from '../powertools.ts';

/**
 * The middleware stack of every Step Functions task: request-scoped logs (never the
 * input: it may hold a task token), EMF metrics, and the task input validated with zod,
 * since the ASL contract is untyped. Errors propagate by name to the state machine, and
 * their name (never the message: SES puts addresses in some) is logged as a warning, so a
 * retried or failed step says why in the log as well as in the execution history.
 */
export const taskHandler = <S extends z.ZodType, R>(
  schema: S,
  fn: (input: StandardSchemaV1.InferOutput<S>) => Promise<R>
) =>
  middy()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(parser({ schema }))
    .use({
      onError: (request) => {
        logger.warn('task failed', { error: request.error?.name ?? 'unknown' });
      },
    })
    .handler(fn);
