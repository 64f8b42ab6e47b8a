/**
 * Task of the CallbackProbe workflow's AwaitAnswer state (lambda:invoke.waitForTaskToken).
 * Input: { probeId, taskToken }, validated. Side effect: the token is stored on the probe
 * item. Throws ProbeNotFoundError (caught by name in the ASL). Never logs the token.
 */
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { logger } from '#shared/powertools.ts';
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { awaitProbeAnswerSchema, type AwaitProbeAnswerInput } from './await-probe-answer.schema.ts';
import { recordProbeToken } from './record-probe-token.service.ts';

const store = storeFromEnv();

export const lambdaHandler = async (input: AwaitProbeAnswerInput): Promise<void> => {
  await recordProbeToken(store, input);
  logger.info('probe waiting for answer', { probeId: input.probeId });
};

export const handler = taskHandler(awaitProbeAnswerSchema, lambdaHandler);
