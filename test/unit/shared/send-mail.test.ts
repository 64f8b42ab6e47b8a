import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { renderSurveyEmail } from '#functions/csi/mail/survey-email.ts';
import { sendMail } from '#shared/mail/send-mail.ts';
import { surveyMailInput } from '#test/helpers/mail-fixtures.ts';

const ses = mockClient(SESv2Client);
afterEach(() => {
  ses.reset();
});

const deps = {
  ses: new SESv2Client({ region: 'eu-central-1' }),
  from: 'csi@example.com',
  configurationSetName: 'otklik',
};

describe('Service: sendMail', () => {
  it('sends a rendered mail with a one-line subject and the encoded sender name', async () => {
    // Prepare: a ticket number with CRLF that reached the store, a sender name with them too
    ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });
    const rendered = renderSurveyEmail(
      surveyMailInput({ language: 'ru', ticketNumber: 'INC-1\r\nBcc: x@evil.example' })
    );

    // Act
    await sendMail(deps, { to: 'anna@example.com', ...rendered, fromName: 'ЦОО\r\nBcc: y' });

    // Assess
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.Content?.Simple?.Subject?.Data).toBe(
      'Оцените, как мы решили ваш запрос INC-1 Bcc: x@evil.example'
    );
    expect(input?.FromEmailAddress).toBe(
      `=?UTF-8?B?${Buffer.from('ЦОО Bcc: y').toString('base64')}?= <csi@example.com>`
    );
  });

  it('puts no CR, LF or other control character into the subject or a header', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });

    // Act
    await sendMail(deps, {
      to: 'anna@example.com',
      subject: 'Ticket INC-1\r\nBcc: x@evil.example\u0085',
      html: '<p>x</p>',
      text: 'line one\r\nline two',
      headers: [
        { name: 'List-Unsubscribe', value: '<https://x.example/u>\r\nBcc: y@evil.example' },
      ],
    });

    // Assess
    expect(ses).toReceiveCommandWith(SendEmailCommand, {
      Content: {
        Simple: {
          Subject: { Data: 'Ticket INC-1 Bcc: x@evil.example', Charset: 'UTF-8' },
          Body: {
            Html: { Data: '<p>x</p>', Charset: 'UTF-8' },
            // The body is no header: its line breaks stay.
            Text: { Data: 'line one\r\nline two', Charset: 'UTF-8' },
          },
          Headers: [
            { Name: 'List-Unsubscribe', Value: '<https://x.example/u> Bcc: y@evil.example' },
          ],
        },
      },
    });
  });
});

describe('Service: sendMail, what a failed send means', () => {
  const mail = { to: 'anna@example.com', subject: 's', html: 'h', text: 't', attemptId: 'a-1' };
  const withStatus = (name: string, httpStatusCode: number) =>
    Object.assign(new Error(name), { name, $metadata: { httpStatusCode } });
  const network = (code: string, message = code) => Object.assign(new Error(message), { code });

  it('tags the mail with its send attempt', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: 'message-1' });

    // Act
    const messageId = await sendMail(deps, mail);

    // Assess
    expect(messageId).toBe('message-1');
    expect(ses).toReceiveCommandWith(SendEmailCommand, {
      EmailTags: [{ Name: 'otklik-attempt', Value: 'a-1' }],
    });
  });

  it.each([
    ['a 429', withStatus('TooManyRequestsException', 429), 'EmailThrottledError'],
    [
      'Throttling without a status',
      Object.assign(new Error('x'), { name: 'Throttling' }),
      'EmailThrottledError',
    ],
    ['a 503', withStatus('ServiceUnavailable', 503), 'EmailUnavailableError'],
    ['a 500', withStatus('InternalFailure', 500), 'EmailUnavailableError'],
    ['a refused connection', network('ECONNREFUSED'), 'EmailUnavailableError'],
    [
      'a timeout',
      Object.assign(new Error('slow'), { name: 'TimeoutError' }),
      'EmailOutcomeUnknownError',
    ],
    [
      'an abort',
      Object.assign(new Error('aborted'), { name: 'AbortError' }),
      'EmailOutcomeUnknownError',
    ],
    ['a reset connection', network('ECONNRESET'), 'EmailOutcomeUnknownError'],
    ['a socket hang-up', new Error('socket hang up'), 'EmailOutcomeUnknownError'],
    ['MessageRejected (400)', withStatus('MessageRejected', 400), 'EmailRejectedError'],
    ['a paused account (400)', withStatus('SendingPausedException', 400), 'EmailRejectedError'],
    [
      'a client fault without a status',
      Object.assign(new Error('x'), { name: 'NotFoundException', $fault: 'client' }),
      'EmailRejectedError',
    ],
  ])('maps %s to %s', async (_label, error, expected) => {
    ses.on(SendEmailCommand).rejects(error);

    await expect(sendMail(deps, mail)).rejects.toMatchObject({ name: expected });
  });

  it('throws an error it cannot place as it is', async () => {
    ses.on(SendEmailCommand).rejects(new Error('bug'));

    await expect(sendMail(deps, mail)).rejects.toThrow('bug');
  });
});

describe('Client: sesSendClient', () => {
  it('never retries on its own and gives up on a request after 8 s', async () => {
    const { sesSendClient, SEND_TIMEOUT_MS } = await import('#shared/mail/ses-client.ts');

    expect(await sesSendClient.config.maxAttempts()).toBe(1);
    expect(SEND_TIMEOUT_MS).toBe(8000);
  });
});
