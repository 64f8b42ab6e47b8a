import { SchedulerClient } from '@aws-sdk/client-scheduler';

/** Module-scope EventBridge Scheduler client; endpoint from AWS_ENDPOINT_URL_SCHEDULER when set. */
export const schedulerClient = new SchedulerClient({});
