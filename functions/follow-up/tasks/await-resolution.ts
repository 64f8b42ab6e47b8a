/** Tasks AwaitResolution and AwaitResolutionAfterEscalation (waitForTaskToken). Input: { followUpId, taskToken }. */
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { caseDepsFromEnv } from '../case-deps.ts';
import { awaitResolution } from '../case-flow.service.ts';
import { awaitResolutionSchema } from '../follow-up.schema.ts';

const deps = caseDepsFromEnv();

export const handler = taskHandler(awaitResolutionSchema, (input) =>
  awaitResolution(deps, input.followUpId, input.taskToken)
);
