import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  sendSurveyEmail,
  type SendSurveyDeps,
  type SendSurveyInput,
} from '#functions/csi/tasks/send-survey-email.service.ts';
import {
  csiAggregateKey,
  personKey,
  surveyKey,
  surveyMessageKey,
  surveyStatusEntry,
} from '#shared/data/keys.ts';
import type { Survey, SurveyStatus } from '#shared/data/survey.ts';
import { EmailRejectedError, EmailThrottledError } from '#shared/mail/send-mail.ts';
import { logger } from '#shared/powertools.ts';
import { emailKey, hashToken } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { testDeps } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed, transactionCanceled } from '#test/helpers/sdk-errors.ts';
import { decodeUpdate, expectNewItemOnly } from '#test/helpers/sent-commands.ts';
import { NOW, REQUESTER, SURVEY_ID, surveyItem, TABLE } from '#test/helpers/survey-fixture.ts';

const { ddb, ses } = mockAws();
afterEach(() => {
  vi.restoreAllMocks();
});

const BASE_URL = 'https://otklik.example.com';
const PERSON_KEY = personKey(emailKey(REQUESTER));
const TIMERS = {
  sendDelaySeconds: 600,
  reminderAfterSeconds: 3 * 86400,
  expireAfterReminderSeconds: 4 * 86400,
  followUpThreshold: 5,
};
/** NOW + reminderAfter + expireAfterReminder. */
const CLOSES_AT = '2024-03-08T10:00:00.000Z';
/** CLOSES_AT + 365 days. */
const UNSUBSCRIBE_UNTIL = '2025-03-08T10:00:00.000Z';

const deps: SendSurveyDeps = {
  ...testDeps({ now: NOW }),
  mail: {
    ses: new SESv2Client({ region: 'eu-central-1' }),
    from: 'Otklik <otklik@example.com>',
    configurationSetName: 'otklik-test',
  },
  publicBaseUrl: BASE_URL,
};

const invitation: SendSurveyInput = { surveyId: SURVEY_ID, kind: 'invitation', timers: TIMERS };
const reminder: SendSurveyInput = { surveyId: SURVEY_ID, kind: 'reminder', timers: TIMERS };

/** The stored survey, the person (none by default), and writes that succeed. */
const given = (survey: Partial<Survey> = {}, person?: Record<string, unknown>) => {
  ddb
    .on(GetCommand, { Key: surveyKey(SURVEY_ID) })
    .resolves({ Item: surveyItem(survey) })
    .on(GetCommand, { Key: PERSON_KEY })
    .resolves(person ? { Item: { ...PERSON_KEY, ...person } } : {});
  ddb.on(UpdateCommand).resolves({});
  ddb.on(PutCommand).resolves({});
  ddb.on(TransactWriteCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
};

/** The one mail SES was asked to send. */
const sentMail = () => {
  const calls = ses.commandCalls(SendEmailCommand);
  expect(calls).toHaveLength(1);
  const input = calls[0]!.args[0].input;
  return {
    input,
    text: input.Content?.Simple?.Body?.Text?.Data ?? '',
    html: input.Content?.Simple?.Body?.Html?.Data ?? '',
    subject: input.Content?.Simple?.Subject?.Data ?? '',
    headers: input.Content?.Simple?.Headers ?? [],
  };
};

/** The rating and opt-out tokens as the mail carries them. */
const mailedTokens = () => {
  const { text, headers } = sentMail();
  const rating = /\/r\/([A-Za-z0-9_-]{32})\?score=1/.exec(text)?.[1];
  const unsubscribe = /\/u\/([A-Za-z0-9_-]{32})>$/.exec(
    headers.find((h) => h.Name === 'List-Unsubscribe')?.Value ?? ''
  )?.[1];
  expect(rating).toBeDefined();
  expect(unsubscribe).toBeDefined();
  return { rating: rating!, unsubscribe: unsubscribe! };
};

const tokenItems = () => ddb.commandCalls(PutCommand).map((call) => call.args[0].input.Item);
const updates = () =>
  ddb.commandCalls(UpdateCommand).map((call) => decodeUpdate(call.args[0].input));
const transactItems = (call = 0) =>
  ddb.commandCalls(TransactWriteCommand)[call]?.args[0].input.TransactItems ?? [];
/** NOW + 180 days: how long a mail's message id finds its survey. */
const MESSAGE_EXPIRES_AT = Date.parse(NOW.toISOString()) / 1000 + 180 * 86400;

describe('Service: sendSurveyEmail (invitation)', () => {
  it('sends the invitation and reports it sent', async () => {
    // Prepare
    given();

    // Act
    const result = await sendSurveyEmail(deps, invitation);

    // Assess
    expect(result).toEqual({ sent: true, stop: false });
    expect(ses).toReceiveCommandTimes(SendEmailCommand, 1);
    expect(ses).toReceiveCommandWith(SendEmailCommand, {
      FromEmailAddress: 'Otklik <otklik@example.com>',
      Destination: { ToAddresses: [REQUESTER] },
      ConfigurationSetName: 'otklik-test',
    });
    expect(sentMail().subject).toBe('How did we do with your request SR-1001?');
  });

  it('claims the survey as sending before anything else is written or mailed', async () => {
    // Prepare
    given();
    const order: string[] = [];
    ddb.on(UpdateCommand).callsFake((input: Parameters<typeof decodeUpdate>[0]) => {
      order.push(`status:${String(decodeUpdate(input).set.status)}`);
      return {};
    });
    ddb.on(PutCommand).callsFake(() => {
      order.push('token');
      return {};
    });
    ses.on(SendEmailCommand).callsFake(() => {
      order.push('mail');
      return { MessageId: 'ses-message-1' };
    });
    ddb.on(TransactWriteCommand).callsFake(() => {
      order.push('sent');
      return {};
    });

    // Act
    await sendSurveyEmail(deps, invitation);

    // Assess
    expect(order).toEqual(['status:sending', 'token', 'token', 'mail', 'sent']);
    expect(ddb).toReceiveCommandWith(UpdateCommand, {
      TableName: TABLE,
      Key: surveyKey(SURVEY_ID),
    });
    expect(updates()[0]).toMatchObject({
      set: {
        status: 'sending',
        updatedAt: NOW.toISOString(),
        ...surveyStatusEntry(SURVEY_ID, 'sending', NOW.toISOString()),
      },
      condition: 'status IN ("scheduled", "sending")',
    });
  });

  it('stores a rating and an opt-out token, each by its hash only', async () => {
    // Prepare
    given();

    // Act
    await sendSurveyEmail(deps, invitation);

    // Assess
    const tokens = mailedTokens();
    expect(ddb).toReceiveCommandTimes(PutCommand, 2);
    expect(tokenItems()).toEqual([
      {
        pk: `TOKEN#${hashToken(tokens.rating)}`,
        sk: 'TOKEN',
        kind: 'rating',
        subjectId: SURVEY_ID,
        validUntil: CLOSES_AT,
        expiresAt: Date.parse(CLOSES_AT) / 1000 + 90 * 86400,
      },
      {
        pk: `TOKEN#${hashToken(tokens.unsubscribe)}`,
        sk: 'TOKEN',
        kind: 'unsubscribe',
        subjectId: SURVEY_ID,
        validUntil: UNSUBSCRIBE_UNTIL,
        expiresAt: Date.parse(UNSUBSCRIBE_UNTIL) / 1000 + 90 * 86400,
      },
    ]);
    for (const call of ddb.commandCalls(PutCommand)) {
      const put = call.args[0].input;
      expectNewItemOnly(put);
    }
    const written = JSON.stringify(ddb.calls().map((call) => call.args[0].input));
    expect(written).not.toContain(tokens.rating);
    expect(written).not.toContain(tokens.unsubscribe);
  });

  it('mails one-click score links and the List-Unsubscribe headers', async () => {
    // Prepare
    given();

    // Act
    await sendSurveyEmail(deps, invitation);

    // Assess
    const tokens = mailedTokens();
    const { text, html, headers } = sentMail();
    expect(headers).toEqual([
      { Name: 'List-Unsubscribe', Value: `<${BASE_URL}/u/${tokens.unsubscribe}>` },
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ]);
    for (const score of [1, 2, 3, 4, 5]) {
      expect(text).toContain(`${BASE_URL}/r/${tokens.rating}?score=${score}`);
      expect(html).toContain(`${BASE_URL}/r/${tokens.rating}?score=${score}`);
    }
    expect(html).toContain(`${BASE_URL}/u/${tokens.unsubscribe}`);
  });

  it('logs neither the tokens nor the address', async () => {
    // Prepare
    given();
    const logged: unknown[] = [];
    const capture = (...args: unknown[]) => {
      logged.push(args);
    };
    for (const level of ['debug', 'info', 'warn', 'error', 'critical'] as const) {
      vi.spyOn(logger, level).mockImplementation(capture);
    }
    for (const level of ['log', 'debug', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, level).mockImplementation(capture);
    }

    // Act
    await sendSurveyEmail(deps, invitation);

    // Assess
    const tokens = mailedTokens();
    const output = JSON.stringify(logged);
    expect(output).not.toContain(tokens.rating);
    expect(output).not.toContain(tokens.unsubscribe);
    expect(output).not.toContain(REQUESTER);
  });

  it('sets sent, keeps the message id lookup and adds to the day sent counter in one transaction', async () => {
    // Prepare
    given();

    // Act
    await sendSurveyEmail(deps, invitation);

    // Assess
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    const [survey, aggregate, message] = transactItems();
    expect(survey?.Update).toMatchObject({ TableName: TABLE, Key: surveyKey(SURVEY_ID) });
    expect(decodeUpdate(survey?.Update)).toMatchObject({
      set: {
        status: 'sent',
        sentAt: NOW.toISOString(),
        closesAt: CLOSES_AT,
        messageId: 'ses-message-1',
        updatedAt: NOW.toISOString(),
        ...surveyStatusEntry(SURVEY_ID, 'sent', NOW.toISOString()),
      },
      condition: 'status = "sending"',
    });
    expect(aggregate?.Update).toMatchObject({
      TableName: TABLE,
      Key: csiAggregateKey('2024-03-01', 'bu-fin#svc-it'),
    });
    expect(decodeUpdate(aggregate?.Update).add).toEqual({ sent: 1 });
    expect(message?.Put).toEqual({
      TableName: TABLE,
      Item: {
        ...surveyMessageKey('ses-message-1'),
        surveyId: SURVEY_ID,
        kind: 'invitation',
        sentAt: NOW.toISOString(),
        expiresAt: MESSAGE_EXPIRES_AT,
      },
    });
  });

  it('sends again a survey whose earlier send was interrupted', async () => {
    // Prepare
    given({ status: 'sending' });

    // Act
    const result = await sendSurveyEmail(deps, invitation);

    // Assess
    expect(result).toEqual({ sent: true, stop: false });
    expect(ses).toReceiveCommandTimes(SendEmailCommand, 1);
  });

  it('throws EmailThrottledError when SES throttles, leaving the survey sending', async () => {
    // Prepare
    given();
    ses
      .on(SendEmailCommand)
      .rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));

    // Act
    const act = sendSurveyEmail(deps, invitation);

    // Assess
    await expect(act).rejects.toBeInstanceOf(EmailThrottledError);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('throws EmailRejectedError when SES rejects the message', async () => {
    // Prepare
    given();
    ses
      .on(SendEmailCommand)
      .rejects(new MessageRejected({ message: 'Email address is not verified', $metadata: {} }));

    // Act
    const act = sendSurveyEmail(deps, invitation);

    // Assess
    await expect(act).rejects.toBeInstanceOf(EmailRejectedError);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('suppresses a survey to a person who opted out, mailing nothing', async () => {
    // Prepare
    given({}, { optedOutAt: '2024-02-01T00:00:00.000Z' });

    // Act
    const result = await sendSurveyEmail(deps, invitation);

    // Assess
    expect(result).toEqual({ sent: false, stop: true });
    expect(ses).not.toReceiveCommand(SendEmailCommand);
    expect(ddb).not.toReceiveCommand(PutCommand);
    expect(ddb).toReceiveCommandTimes(UpdateCommand, 1);
    expect(ddb).toReceiveCommandWith(UpdateCommand, { Key: surveyKey(SURVEY_ID) });
    expect(updates()[0]).toMatchObject({
      set: {
        status: 'suppressed',
        statusReason: 'opted-out',
        updatedAt: NOW.toISOString(),
        ...surveyStatusEntry(SURVEY_ID, 'suppressed', NOW.toISOString()),
      },
      condition: 'status IN ("scheduled", "sending")',
    });
  });

  it.each<SurveyStatus>(['sent', 'reminded', 'rated', 'cancelled', 'suppressed', 'expired'])(
    'stops without mail for a %s survey',
    async (status) => {
      // Prepare
      given({ status });

      // Act
      const result = await sendSurveyEmail(deps, invitation);

      // Assess
      expect(result).toEqual({ sent: false, stop: true });
      expect(ses).not.toReceiveCommand(SendEmailCommand);
      expect(ddb).not.toReceiveCommand(UpdateCommand);
      expect(ddb).not.toReceiveCommand(PutCommand);
    }
  );

  it('stops without mail for a survey without an email', async () => {
    // Prepare
    given({ requesterEmail: null });

    // Act
    const result = await sendSurveyEmail(deps, invitation);

    // Assess
    expect(result).toEqual({ sent: false, stop: true });
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('stops without mail when the survey is cancelled before it is claimed', async () => {
    // Prepare
    given();
    ddb.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const result = await sendSurveyEmail(deps, invitation);

    // Assess
    expect(result).toEqual({ sent: false, stop: true });
    expect(ses).not.toReceiveCommand(SendEmailCommand);
    expect(ddb).not.toReceiveCommand(PutCommand);
  });

  it('reports the mail sent when the survey is cancelled while it was on its way', async () => {
    // Prepare
    given();
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      })
    );

    // Act
    const result = await sendSurveyEmail(deps, invitation);

    // Assess
    expect(result).toEqual({ sent: true, stop: false });
    // The mail went out, so a bounce of it must still find its survey.
    expect(ddb).toReceiveCommandWith(PutCommand, {
      Item: expect.objectContaining({ ...surveyMessageKey('ses-message-1'), surveyId: SURVEY_ID }),
    });
  });

  it('retries the final transaction when it conflicts with another counter update', async () => {
    // Prepare
    given();
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(
        new TransactionCanceledException({
          message: 'Transaction cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
        })
      )
      .resolves({});

    // Act
    const result = await sendSurveyEmail(deps, invitation);

    // Assess
    expect(result).toEqual({ sent: true, stop: false });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 2);
    expect(ses).toReceiveCommandTimes(SendEmailCommand, 1);
  });

  it('propagates a final transaction cancelled for another reason', async () => {
    // Prepare
    given();
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'ValidationError' }],
      })
    );

    // Act
    const act = sendSurveyEmail(deps, invitation);

    // Assess
    await expect(act).rejects.toBeInstanceOf(TransactionCanceledException);
  });

  it('propagates an unexpected error of the final transaction', async () => {
    // Prepare
    given();
    ddb.on(TransactWriteCommand).rejects(new Error('network down'));

    // Act
    const act = sendSurveyEmail(deps, invitation);

    // Assess
    await expect(act).rejects.toThrow('network down');
  });
});

describe('Service: sendSurveyEmail (reminder)', () => {
  it('sends the reminder to a sent survey, with links valid until it closes', async () => {
    // Prepare
    given({ status: 'sent', closesAt: CLOSES_AT, sentAt: NOW.toISOString() });

    // Act
    const result = await sendSurveyEmail(deps, reminder);

    // Assess
    expect(result).toEqual({ sent: true, stop: false });
    expect(sentMail().subject).toBe('Reminder: rate how we handled request SR-1001');
    expect(tokenItems()).toEqual([
      expect.objectContaining({ kind: 'rating', validUntil: CLOSES_AT }),
      expect.objectContaining({ kind: 'unsubscribe', validUntil: UNSUBSCRIBE_UNTIL }),
    ]);
    expect(sentMail().headers.map((h) => h.Name)).toEqual([
      'List-Unsubscribe',
      'List-Unsubscribe-Post',
    ]);
  });

  it('marks the survey reminded only while it is still sent, counting nothing', async () => {
    // Prepare
    given({ status: 'sent', closesAt: CLOSES_AT });

    // Act
    await sendSurveyEmail(deps, reminder);

    // Assess: the status and the message id lookup together, and no counter
    expect(ddb).not.toReceiveCommand(UpdateCommand);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    const [survey, message, ...more] = transactItems();
    expect(more).toEqual([]);
    expect(survey?.Update).toMatchObject({ TableName: TABLE, Key: surveyKey(SURVEY_ID) });
    expect(decodeUpdate(survey?.Update)).toMatchObject({
      set: {
        status: 'reminded',
        remindedAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        ...surveyStatusEntry(SURVEY_ID, 'reminded', NOW.toISOString()),
      },
      condition: 'status = "sent"',
    });
    expect(message?.Put?.Item).toMatchObject({
      ...surveyMessageKey('ses-message-1'),
      surveyId: SURVEY_ID,
      kind: 'reminder',
    });
  });

  it('keeps the reminder sent when the survey was rated meanwhile', async () => {
    // Prepare
    given({ status: 'sent', closesAt: CLOSES_AT });
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None'));

    // Act
    const result = await sendSurveyEmail(deps, reminder);

    // Assess
    expect(result).toEqual({ sent: true, stop: false });
    expect(ddb).toReceiveCommandWith(PutCommand, {
      Item: expect.objectContaining({ ...surveyMessageKey('ses-message-1'), kind: 'reminder' }),
    });
  });

  it.each<[SurveyStatus, boolean]>([
    ['reminded', false],
    ['scheduled', true],
    ['sending', true],
    ['rated', true],
    ['cancelled', true],
    ['expired', true],
  ])('sends no reminder to a %s survey (stop: %s)', async (status, stop) => {
    // Prepare
    given({ status, closesAt: CLOSES_AT });

    // Act
    const result = await sendSurveyEmail(deps, reminder);

    // Assess
    expect(result).toEqual({ sent: false, stop });
    expect(ses).not.toReceiveCommand(SendEmailCommand);
    expect(ddb).not.toReceiveCommand(UpdateCommand);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('sends no reminder to a person who opted out, but lets the survey wait', async () => {
    // Prepare
    given({ status: 'sent', closesAt: CLOSES_AT }, { optedOutAt: '2024-03-02T00:00:00.000Z' });

    // Act
    const result = await sendSurveyEmail(deps, reminder);

    // Assess
    expect(result).toEqual({ sent: false, stop: false });
    expect(ses).not.toReceiveCommand(SendEmailCommand);
    expect(ddb).not.toReceiveCommand(PutCommand);
    expect(ddb).not.toReceiveCommand(UpdateCommand);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('sends no reminder to a sent survey without a closing time', async () => {
    // Prepare
    given({ status: 'sent' });

    // Act
    const result = await sendSurveyEmail(deps, reminder);

    // Assess
    expect(result).toEqual({ sent: false, stop: false });
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('throws EmailThrottledError when SES throttles the reminder', async () => {
    // Prepare
    given({ status: 'sent', closesAt: CLOSES_AT });
    ses
      .on(SendEmailCommand)
      .rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));

    // Act
    const act = sendSurveyEmail(deps, reminder);

    // Assess
    await expect(act).rejects.toBeInstanceOf(EmailThrottledError);
    expect(ddb).not.toReceiveCommand(UpdateCommand);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });
});
