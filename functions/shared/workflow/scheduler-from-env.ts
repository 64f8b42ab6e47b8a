import { z } from 'zod';
import { readEnv } from '../env.ts';
import { eventBridgeSchedulerPort, type ScheduledStartPort } from './scheduled-start-port.ts';
import { schedulerClient } from './scheduler-client.ts';

/**
 * Cold-start wiring of the scheduled-start port: only functions that declared
 * `scheduler` import it; fails at cold start without its role and group.
 */
export const scheduledStartPortFromEnv = (): ScheduledStartPort => {
  const env = readEnv(
    z.object({ SCHEDULER_ROLE_ARN: z.string().min(1), SCHEDULE_GROUP_NAME: z.string().min(1) })
  );
  return eventBridgeSchedulerPort(schedulerClient, {
    groupName: env.SCHEDULE_GROUP_NAME,
    roleArn: env.SCHEDULER_ROLE_ARN,
  });
};
