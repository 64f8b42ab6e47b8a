import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { classifySendError } from './send-errors.ts';
import { fromHeader, oneLine } from './sender.ts';

export {
  EmailOutcomeUnknownError,
  EmailRejectedError,
  EmailThrottledError,
  EmailUnavailableError,
} from './send-errors.ts';

/** The SES EmailTag that names a send attempt; SES's Send event carries it back. */
export const ATTEMPT_TAG = 'otklik-attempt';

export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
  /** The From header's display name (the branding's sender name); none: the bare address. */
  readonly fromName?: string;
  /** The send attempt's id (`[A-Za-z0-9_-]`), tagged on the mail as `otklik-attempt`. */
  readonly attemptId?: string;
}

export interface MailDeps {
  readonly ses: SESv2Client;
  readonly from: string;
  readonly configurationSetName: string;
}

const sendEmailCommand = (deps: MailDeps, mail: Mail) =>
  new SendEmailCommand({
    FromEmailAddress: fromHeader(deps.from, mail.fromName),
    Destination: { ToAddresses: [mail.to] },
    ConfigurationSetName: deps.configurationSetName,
    ...(mail.attemptId ? { EmailTags: [{ Name: ATTEMPT_TAG, Value: mail.attemptId }] } : {}),
    Content: {
      Simple: {
        Subject: { Data: oneLine(mail.subject), Charset: 'UTF-8' },
        Body: {
          Html: { Data: mail.html, Charset: 'UTF-8' },
          Text: { Data: mail.text, Charset: 'UTF-8' },
        },
        ...(mail.headers
          ? {
              Headers: mail.headers.map((h) => ({
                Name: oneLine(h.name),
                Value: oneLine(h.value),
              })),
            }
          : {}),
      },
    },
  });

/**
 * Sends one mail through SES v2 (click tracking stays off: scanners pre-click tracked
 * redirects). Maps what went wrong to the four names the state machines act on
 * (send-errors.ts): throttled, unavailable, outcome unknown (retried), rejected (final).
 * @returns the SES message id
 */
export const sendMail = async (deps: MailDeps, mail: Mail): Promise<string> => {
  try {
    const out = await deps.ses.send(sendEmailCommand(deps, mail));
    return out.MessageId ?? '';
  } catch (error) {
    throw classifySendError(error);
  }
};
