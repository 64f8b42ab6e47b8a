/** Task SendClosingEmail of follow-up-case.asl.json. Input: { followUpId }. The requester's "what we did" mail, once. */
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { mailFromEnv } from '#shared/mail/mail-from-env.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { taskHandler } from '#shared/workflow/task-handler.ts';
import { followUpTaskSchema } from '../follow-up.schema.ts';
import { sendClosingEmail } from './send-closing-email.service.ts';

const deps = { ...storeFromEnv(), mail: mailFromEnv() };
const settings = settingsFromEnv();

export const handler = taskHandler(followUpTaskSchema, async (input) =>
  sendClosingEmail({ ...deps, settings: await settings.current() }, input.followUpId)
);
