import { GetAccountCommand, type SESv2Client } from '@aws-sdk/client-sesv2';

/** A health check of the mail service: the SES account answers (its sending status is deliverability's). */
export const mailAccountCheck =
  (ses: SESv2Client) =>
  async (abortSignal: AbortSignal): Promise<void> => {
    await ses.send(new GetAccountCommand({}), { abortSignal });
  };
