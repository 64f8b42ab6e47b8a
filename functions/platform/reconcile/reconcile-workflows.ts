/**
 * Scheduled by the `csi-reconcile` rule. Input: the scheduled event (unused). Restarts the
 * workflow of every pending survey or case that has none running (see the service).
 */
import { z } from 'zod';
import { readEnv } from '#shared/env.ts';
import { logger } from '#shared/powertools.ts';
import { scheduledHandler } from '#shared/scheduled-handler.ts';
import { csiSettingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { stateMachineArnFromEnv, workflowPortFromEnv } from '#shared/workflow/workflow-from-env.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { reconcileWorkflows } from './reconcile-workflows.service.ts';

const deps = {
  ...storeFromEnv(),
  workflow: workflowPortFromEnv(),
  csiStateMachineArn: stateMachineArnFromEnv('CSI_SURVEY_STATE_MACHINE_ARN'),
  followUpStateMachineArn: stateMachineArnFromEnv('FOLLOW_UP_CASE_STATE_MACHINE_ARN'),
  settings: csiSettingsFromEnv(),
  // What changed within this time is left alone: its own workflow may still be starting.
  graceSeconds: readEnv(
    z.object({ RECONCILE_GRACE_SECONDS: z.coerce.number().int().min(0).default(120) })
  ).RECONCILE_GRACE_SECONDS,
};

export const lambdaHandler = async () => {
  const result = await reconcileWorkflows(deps);
  logger.info('reconciled', result.restarted);
  return result;
};

export const handler = scheduledHandler(lambdaHandler);
