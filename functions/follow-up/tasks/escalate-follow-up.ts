/** Task Escalate of follow-up-case.asl.json. Input: { followUpId }. Marks the case overdue and mails the escalation contact. */
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { caseDepsFromEnv } from '../case-deps.ts';
import { escalate } from '../case-flow.service.ts';
import { followUpTaskSchema } from '../follow-up.schema.ts';

const deps = caseDepsFromEnv();

export const handler = taskHandler(followUpTaskSchema, (input) =>
  escalate(deps, input.followUpId, deps.maxAgeSeconds)
);
