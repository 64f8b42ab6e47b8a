import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One logger and one metrics instance per function, configured from the POWERTOOLS_*
 * variables (service name, namespace, log level). Nothing here may log an email address,
 * a comment or a token: log ids and outcomes only.
 */
export const logger = new Logger();

export const metrics = new Metrics({
  // Many invocations emit no metric on their path (a duplicate, a page view): that is
  // normal, so Powertools' "no metrics to publish" warning goes to debug.
  logger: {
    debug: (...args: unknown[]) => {
      logger.debug(String(args[0]));
    },
    info: (...args: unknown[]) => {
      logger.info(String(args[0]));
    },
    warn: (...args: unknown[]) => {
      logger.debug(String(args[0]));
    },
    error: (...args: unknown[]) => {
      logger.error(String(args[0]));
    },
  },
});
