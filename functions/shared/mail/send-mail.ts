import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';

/** SES throttled us (429, TooManyRequestsException): the workflow retries with backoff. */
export class EmailThrottledError extends Error {
  override name = 'EmailThrottledError';
}

/** SES refused the mail for good (rejected, paused, unverified…): the survey ends `failed`. */
export class EmailRejectedError extends Error {
  override name = 'EmailRejectedError';
}

export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
}

export interface MailDeps {
  readonly ses: SESv2Client;
  readonly from: string;
  readonly configurationSetName: string;
}

const THROTTLING = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
]);
const PERMANENT = new Set([
  'MessageRejected',
  'SendingPausedException',
  'AccountSuspendedException',
  'MailFromDomainNotVerifiedException',
  'NotFoundException',
  'BadRequestException',
]);

/** Control characters, CR and LF among them: in a header they could start another one. */
const CONTROLS = /\p{Cc}+/gu;

/**
 * A header's value on one line: whatever reached a subject (a ticket number stored before
 * the intake stripped controls, a setting) never adds a header; runs become one space.
 */
const oneLine = (value: string): string => value.replace(CONTROLS, ' ').trim();

/**
 * Sends one mail through SES v2 (click tracking stays off: scanners pre-click tracked
 * redirects). Maps SES errors to the two names the state machines act on.
 * @returns the SES message id
 */
export const sendMail = async (deps: MailDeps, mail: Mail): Promise<string> => {
  try {
    const out = await deps.ses.send(
      new SendEmailCommand({
        FromEmailAddress: deps.from,
        Destination: { ToAddresses: [mail.to] },
        ConfigurationSetName: deps.configurationSetName,
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
      })
    );
    return out.MessageId ?? '';
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (THROTTLING.has(name)) throw new EmailThrottledError(name);
    if (PERMANENT.has(name)) throw new EmailRejectedError(name);
    throw error;
  }
};
