/** Tasks AwaitResolution and AwaitResolutionAfterEscalation (waitForTaskToken). Input: { followUpId, taskToken }. */
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { caseResolutionDepsFromEnv } from '../case-resolution-deps.ts';
import { awaitResolutionSchema } from '../follow-up.schema.ts';
import { awaitResolution } from './await-resolution.service.ts';

const deps = caseResolutionDepsFromEnv();

export const handler = taskHandler(awaitResolutionSchema, (input) =>
  awaitResolution(deps, input.followUpId, input.taskToken)
);
