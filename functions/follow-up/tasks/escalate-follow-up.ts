/** Task Escalate of follow-up-case.asl.json. Input: { followUpId }. Marks the case overdue and mails the escalation contact. */
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { caseMailDepsFromEnv } from '../case-mail-deps.ts';
import { followUpTaskSchema } from '../follow-up.schema.ts';
import { escalate } from './escalate-follow-up.service.ts';

const deps = caseMailDepsFromEnv();

export const handler = taskHandler(followUpTaskSchema, async (input) =>
  escalate(await deps(), input.followUpId)
);
