import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { mailReminder, type MailReminderDeps } from '#functions/csi/tasks/mail-reminder.service.ts';
import { mailReceiptKey, personKey, surveyKey, surveyTaskKey } from '#shared/data/keys.ts';
import type { Survey } from '#shared/data/survey.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import { EmailOutcomeUnknownError } from '#shared/mail/send-mail.ts';
import { csiSettingsSchema } from '#shared/settings/csi-settings.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { givenStored, sesClient, testDeps } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed } from '#test/helpers/sdk-errors.ts';
import { decodeUpdate } from '#test/helpers/sent-commands.ts';
import { NOW, REQUESTER, SURVEY_ID, surveyItem } from '#test/helpers/survey-fixture.ts';

const { ddb, sfn, ses } = mockAws({ table: 'empty', workflows: 'accepting', mail: 'accepting' });

const deps: MailReminderDeps = {
  ...testDeps({ now: NOW }),
  mail: { ses: sesClient(), from: 'csi@example.com', configurationSetName: 'otklik' },
  publicBaseUrl: 'https://feedback.example.com',
  receiptWaitSeconds: 60,
  settings: csiSettingsSchema.parse({}),
};
const input = {
  surveyId: SURVEY_ID,
  taskToken: 'token-r',
  waits: { untilReminderSeconds: 1, untilCloseSeconds: 40 },
};
/** Mailed an hour ago, closing tomorrow. */
const open: Partial<Survey> = {
  status: 'sent',
  sentAt: '2024-03-01T09:00:00.000Z',
  closesAt: '2024-03-02T10:00:00.000Z',
  messageId: 'message-0',
};
const given = (survey: Partial<Survey>) => {
  givenStored(ddb, surveyKey(SURVEY_ID), surveyItem({ ...open, ...survey }));
};
const updatesOf = (key: Record<string, string>) =>
  ddb
    .commandCalls(UpdateCommand)
    .filter((c) => c.args[0].input.Key?.pk === key.pk && c.args[0].input.Key?.sk === key.sk)
    .map((c) => decodeUpdate(c.args[0].input));
const surveyUpdates = () => updatesOf(surveyKey(SURVEY_ID));
/** The writes of the survey's task item (its waiting token, the reminder's attempt). */
const taskUpdates = () => updatesOf(surveyTaskKey(SURVEY_ID));
const parkedOnly = () => {
  expect(surveyUpdates()).toEqual([]);
  expect(taskUpdates().map((update) => update.set.taskToken)).toEqual(['token-r']);
  expect(ses).not.toReceiveCommand(SendEmailCommand);
};

describe('Service: mailReminder', () => {
  it('says how long ago the invitation went, from the survey sentAt', async () => {
    // Prepare: mailed an hour before now
    given({});

    // Act
    await mailReminder(deps, input);

    // Assess
    const content = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple;
    expect(content?.Body?.Text?.Data).toContain('We wrote to you 1 hour ago');
    expect(content?.Subject?.Data).toBe('Reminder: rate how we handled request SR-1001');
  });

  it('falls back to the reminder delay of the settings when sentAt is missing', async () => {
    // Prepare
    given({ sentAt: undefined });

    // Act
    await mailReminder(deps, input);

    // Assess: reminderAfter P3D by default
    const content = ses.commandCalls(SendEmailCommand)[0]?.args[0].input.Content?.Simple;
    expect(content?.Body?.Text?.Data).toContain('We wrote to you 3 days ago');
  });

  it('records the attempt and the token, then mails, then marks the survey reminded', async () => {
    // Prepare
    given({});

    // Act
    const outcome = await mailReminder(deps, input);

    // Assess
    expect(outcome).toBe('mailed');
    // The claim is on the task item (the survey read again says it is still sent).
    const [claim] = taskUpdates();
    expect(claim).toMatchObject({
      set: { taskToken: 'token-r', reminderAttempt: { at: NOW.toISOString(), count: 1 } },
    });
    const mail = ses.commandCalls(SendEmailCommand)[0];
    expect(ddb.commandCalls(UpdateCommand)[0]?.calledBefore(mail!)).toBe(true);
    expect(ddb.commandCalls(GetCommand).at(-1)?.calledBefore(mail!)).toBe(true);
    const tokens = ddb
      .commandCalls(PutCommand)
      .filter((c) => String(c.args[0].input.Item?.pk).startsWith('TOKEN#'));
    expect(tokens[0]?.args[0].input.Item).toMatchObject({
      kind: 'rating',
      validUntil: open.closesAt,
    });
    // One token for both links; `reminded` one conditional write, no transaction, no lookup.
    expect(tokens).toHaveLength(1);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
    expect(surveyUpdates()).toHaveLength(1);
    expect(surveyUpdates()[0]).toMatchObject({
      set: {
        status: 'reminded',
        remindedAt: NOW.toISOString(),
        reminderMessageId: 'message-1',
      },
      condition: 'status = "sent"',
    });
    expect(ddb.commandCalls(PutCommand)).toHaveLength(1);
  });

  it.each([
    ['at closesAt', NOW.toISOString()],
    ['past closesAt', '2024-03-01T09:30:00.000Z'],
  ])('sends no reminder %s: the token waits for the expiry', async (_label, closesAt) => {
    given({ closesAt });

    expect(await mailReminder(deps, input)).toBe('waiting');
    parkedOnly();
  });

  it('sends no reminder to a person who opted out', async () => {
    given({});
    const person = personKey(emailKey(REQUESTER));
    givenStored(ddb, person, { ...person, optedOutAt: '2024-03-01T09:30:00.000Z' });

    expect(await mailReminder(deps, input)).toBe('waiting');
    parkedOnly();
  });

  it('does not remind twice: a reminded survey (a resumed execution) only parks its token', async () => {
    given({ status: 'reminded', reminderMessageId: 'message-r' });

    expect(await mailReminder(deps, input)).toBe('waiting');
    parkedOnly();
  });

  it.each(['rated', 'cancelled', 'expired'] as const)(
    'answers its token for a %s survey, mailing nothing',
    async (status) => {
      given({ status });

      expect(await mailReminder(deps, input)).toBe(status);
      expect(sfn).toReceiveCommandWith(SendTaskSuccessCommand, {
        taskToken: 'token-r',
        output: JSON.stringify({ outcome: status }),
      });
      expect(ses).not.toReceiveCommand(SendEmailCommand);
    }
  );

  it('records the reminder SES took after an unknown outcome instead of mailing again', async () => {
    const attempt = { id: 'attempt-r', at: '2024-03-01T09:59:50.000Z', count: 1 };
    given({ reminderAttempt: attempt });
    givenStored(ddb, mailReceiptKey('attempt-r'), {
      ...mailReceiptKey('attempt-r'),
      outcome: 'sent',
      messageId: 'message-r',
      at: NOW.toISOString(),
    });

    expect(await mailReminder(deps, input)).toBe('waiting');
    expect(ses).not.toReceiveCommand(SendEmailCommand);
    expect(surveyUpdates().at(-1)?.set).toMatchObject({
      status: 'reminded',
      reminderMessageId: 'message-r',
    });
  });

  it('reads the last reminder attempt from the survey task item', async () => {
    // Prepare: the attempt is on the task item, not on the survey
    const attempt = { id: 'attempt-r', at: '2024-03-01T09:59:50.000Z', count: 1 };
    given({});
    givenStored(ddb, surveyTaskKey(SURVEY_ID), {
      ...surveyTaskKey(SURVEY_ID),
      reminderAttempt: attempt,
    });

    // Act, Assess: in doubt (no receipt, window open), so nothing is mailed
    await expect(mailReminder(deps, input)).rejects.toBeInstanceOf(EmailOutcomeUnknownError);
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('sends no second reminder when the survey was rated between the claim and the mail', async () => {
    // Prepare: sent when first read, rated when read again after the claim
    givenStored(
      ddb,
      surveyKey(SURVEY_ID),
      surveyItem({ ...open }),
      surveyItem({ ...open, status: 'rated', score: 5 })
    );

    // Act, Assess: the task answers itself with the status it found
    expect(await mailReminder(deps, input)).toBe('rated');
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('stays unknown while the receipt window of the last attempt is open', async () => {
    given({ reminderAttempt: { id: 'attempt-r', at: '2024-03-01T09:59:50.000Z', count: 1 } });

    await expect(mailReminder(deps, input)).rejects.toBeInstanceOf(EmailOutcomeUnknownError);
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('keeps the survey rated when the rating came while the reminder was on its way', async () => {
    given({});
    // The claim holds (task item); `reminded` finds the survey rated.
    ddb.on(UpdateCommand, { Key: surveyKey(SURVEY_ID) }).rejects(conditionFailed());

    expect(await mailReminder(deps, input)).toBe('mailed');
    expect(surveyUpdates()).toHaveLength(1);
    expect(surveyUpdates()[0]?.condition).toBe('status = "sent"');
  });
});
