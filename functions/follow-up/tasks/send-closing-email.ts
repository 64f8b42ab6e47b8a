/** Task SendClosingEmail of follow-up-case.asl.json. Input: { followUpId }. The requester's "what we did" mail, once. */
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { caseDepsFromEnv } from '../case-deps.ts';
import { sendClosingEmail } from '../case-flow.service.ts';
import { followUpTaskSchema } from '../follow-up.schema.ts';

const deps = caseDepsFromEnv();

export const handler = taskHandler(followUpTaskSchema, (input) =>
  sendClosingEmail(deps, input.followUpId)
);
