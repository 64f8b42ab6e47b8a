/** Task NotifyOwner of follow-up-case.asl.json. Input: { followUpId }. Mails the owner the case link. */
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { caseMailDepsFromEnv } from '../case-mail-deps.ts';
import { followUpTaskSchema } from '../follow-up.schema.ts';
import { notifyOwner } from './notify-owner.service.ts';

const deps = caseMailDepsFromEnv();

export const handler = taskHandler(followUpTaskSchema, async (input) =>
  notifyOwner(await deps(), input.followUpId)
);
