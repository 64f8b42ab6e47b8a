import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { sendMail } from '#shared/mail/send-mail.ts';

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
