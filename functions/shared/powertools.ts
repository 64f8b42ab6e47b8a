import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One logger and one metrics instance per function, configured from the POWERTOOLS_*
 * variables (service name, namespace, log level). Nothing here may log an email address,
 * a comment or a token: log ids and outcomes only.
 */
export const logger = new Logger();

export const metrics = new Metrics();
