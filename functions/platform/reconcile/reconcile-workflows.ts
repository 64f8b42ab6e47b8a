/**
 * Scheduled by the `csi-reconcile` rule. Input: the scheduled event; its detail may say
 * `{ "scope": "start-up" }` (the local runtime's first pass after a start: every pending
 * item, no grace). Restarts the workflow of every pending survey or case that has none
 * running (see the service), and stops starting more shortly before its own timeout.
 */
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { readEnv } from '#shared/env.ts';
import { logger } from '#shared/powertools.ts';
import { scheduledHandler } from '#shared/scheduled-handler.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { stateMachineArnFromEnv, workflowPortFromEnv } from '#shared/workflow/workflow-from-env.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { DEFAULT_BUDGET, reconcileWorkflows } from './reconcile-workflows.service.ts';

/** Time kept back from the function's timeout: the executions under way finish in it. */
const STOP_MARGIN_MS = 30_000;

const deps = {
  ...storeFromEnv(),
  workflow: workflowPortFromEnv(),
  csiStateMachineArn: stateMachineArnFromEnv('CSI_SURVEY_STATE_MACHINE_ARN'),
  followUpStateMachineArn: stateMachineArnFromEnv('FOLLOW_UP_CASE_STATE_MACHINE_ARN'),
  // What changed within this time is left alone: its own workflow may still be starting.
  graceSeconds: readEnv(
    z.object({ RECONCILE_GRACE_SECONDS: z.coerce.number().int().min(0).default(120) })
  ).RECONCILE_GRACE_SECONDS,
};

const settings = settingsFromEnv();

const passEvent = z.object({
  detail: z.object({ scope: z.enum(['due', 'start-up']).default('due') }).default({
    scope: 'due',
  }),
});

export const lambdaHandler = async (
  event: unknown,
  context: Pick<Context, 'getRemainingTimeInMillis'>
) => {
  const parsed = passEvent.safeParse(event);
  const scope = parsed.success ? parsed.data.detail.scope : 'due';
  const margin = Math.min(STOP_MARGIN_MS, context.getRemainingTimeInMillis() / 5);
  const result = await reconcileWorkflows(
    {
      ...deps,
      settings: await settings.current(),
      ...(scope === 'start-up' ? { graceSeconds: 0 } : {}),
    },
    { ...DEFAULT_BUDGET, scope, outOfTime: () => context.getRemainingTimeInMillis() < margin }
  );
  logger.info('reconciled', { scope, ...result });
  return result;
};

export const handler = scheduledHandler(lambdaHandler);
