/**
 * RecordMailReceipt: invoked by the EventBridge rule on the configuration set's SES Send
 * events (locally, by the SES stand-in for every accepted message). Input: the event,
 * validated; an event of another shape is logged and dropped (a retry would not fix it).
 * Side effect: the mail receipt of the tagged send attempt. Never logs an address.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { logger } from '#shared/powertools.ts';
import { recordMailReceipt } from './record-mail-receipt.service.ts';
import { sesSendEventSchema } from './ses-event.schema.ts';

const deps = storeFromEnv();

export const lambdaHandler = async (event: unknown): Promise<void> => {
  const parsed = sesSendEventSchema.safeParse(event);
  if (!parsed.success) {
    logger.warn('not an SES Send event: dropped', { issues: parsed.error.issues.length });
    return;
  }
  const attemptId = await recordMailReceipt(deps, parsed.data);
  logger.info('mail receipt', { recorded: attemptId !== undefined });
};

export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(lambdaHandler);
