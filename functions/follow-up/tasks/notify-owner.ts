/** Task NotifyOwner of follow-up-case.asl.json. Input: { followUpId }. Mails the owner the case link. */
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { caseDepsFromEnv } from '../case-deps.ts';
import { notifyOwner } from '../case-flow.service.ts';
import { followUpTaskSchema } from '../follow-up.schema.ts';

const deps = caseDepsFromEnv();

export const handler = taskHandler(followUpTaskSchema, (input) =>
  notifyOwner(deps, input.followUpId, deps.maxAgeSeconds)
);
