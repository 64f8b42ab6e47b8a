import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  mailInvitation,
  SurveyAlreadyRemindedError,
  type MailInvitationDeps,
} from '#functions/csi/tasks/mail-invitation.service.ts';
import { mailReceiptKey, personKey, surveyKey, surveyTaskKey } from '#shared/data/keys.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import type { Survey } from '#shared/data/survey.ts';
import { EmailOutcomeUnknownError, EmailThrottledError } from '#shared/mail/send-mail.ts';
import { csiSettingsSchema } from '#shared/settings/csi-settings.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { givenStored, sesClient, testDeps } from '#test/helpers/ddb-fixtures.ts';
import { transactionCanceled } from '#test/helpers/sdk-errors.ts';
import { decodeUpdate } from '#test/helpers/sent-commands.ts';
import { NOW, REQUESTER, SURVEY_ID, surveyItem } from '#test/helpers/survey-fixture.ts';

const { ddb, sfn, ses } = mockAws({ table: 'empty', workflows: 'accepting', mail: 'accepting' });

const deps: MailInvitationDeps = {
  ...testDeps({ now: NOW }),
  mail: { ses: sesClient(), from: 'csi@example.com', configurationSetName: 'otklik' },
  publicBaseUrl: 'https://feedback.example.com',
  settings: csiSettingsSchema.parse({}),
  receiptWaitSeconds: 60,
};
const input = {
  surveyId: SURVEY_ID,
  taskToken: 'token-2',
  waits: { untilReminderSeconds: 30, untilCloseSeconds: 40 },
};
const given = (survey: Partial<Survey>) => {
  givenStored(ddb, surveyKey(SURVEY_ID), surveyItem(survey));
};
const updatesOf = (key: Record<string, string>) =>
  ddb
    .commandCalls(UpdateCommand)
    .filter((c) => c.args[0].input.Key?.pk === key.pk && c.args[0].input.Key?.sk === key.sk)
    .map((c) => decodeUpdate(c.args[0].input));
const surveyUpdates = () => updatesOf(surveyKey(SURVEY_ID));
/** The writes of the survey's task item: its waiting token. */
const taskTokens = () => updatesOf(surveyTaskKey(SURVEY_ID)).map((update) => update.set.taskToken);
const tokenPuts = () =>
  ddb.commandCalls(PutCommand).filter((c) => String(c.args[0].input.Item?.pk).startsWith('TOKEN#'));
const inDoubt = { id: 'attempt-1', at: '2024-03-01T09:59:30.000Z', count: 1 };

describe('Service: mailInvitation', () => {
  it('writes the links, then sent with closesAt, the token and the attempt, then mails, then counts once', async () => {
    // Prepare
    given({ status: 'scheduled' });

    // Act
    const outcome = await mailInvitation(deps, input);

    // Assess
    expect(outcome).toBe('mailed');
    const [claim] = surveyUpdates();
    expect(claim).toMatchObject({
      set: {
        status: 'sent',
        sentAt: NOW.toISOString(),
        // now + untilReminder + untilClose
        closesAt: '2024-03-01T10:01:10.000Z',
        invitationAttempt: {
          // The survey's id first: an SES event about the mail names its survey.
          id: expect.stringMatching(new RegExp(`^${SURVEY_ID}-[A-Za-z0-9_-]{8}$`)),
          at: NOW.toISOString(),
          count: 1,
        },
      },
      condition: 'status IN ("scheduled", "sending")',
    });
    // The token is on the survey's task item, written before the claim.
    expect(claim?.set).not.toHaveProperty('taskToken');
    expect(taskTokens()).toEqual(['token-2']);
    const attemptId = (claim?.set.invitationAttempt as { id: string }).id;
    expect(ses).toReceiveCommandTimes(SendEmailCommand, 1);
    expect(ses).toReceiveCommandWith(SendEmailCommand, {
      EmailTags: [{ Name: 'otklik-attempt', Value: attemptId }],
    });
    // Defect 7: both links and the survey's `sent` are stored before the mail goes.
    const mail = ses.commandCalls(SendEmailCommand)[0];
    const claimCall = ddb.commandCalls(UpdateCommand)[0];
    // One token for both links of the mail: it rates until closesAt, opts out a year longer.
    expect(tokenPuts()).toHaveLength(1);
    expect(tokenPuts()[0]?.args[0].input.Item).toMatchObject({
      kind: 'rating',
      subjectId: SURVEY_ID,
      validUntil: '2024-03-01T10:01:10.000Z',
      unsubscribeUntil: '2025-03-01T10:01:10.000Z',
    });
    for (const put of tokenPuts()) expect(put.calledBefore(mail!)).toBe(true);
    expect(claimCall?.calledBefore(mail!)).toBe(true);
    const accepted = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    // No message-id lookup item: the attempt tag names the survey.
    expect(accepted).toHaveLength(2);
    expect(decodeUpdate(accepted[0]?.Update)).toMatchObject({
      set: { messageId: 'message-1' },
      condition: 'attribute_not_exists(messageId)',
    });
    expect(decodeUpdate(accepted[1]?.Update).add).toMatchObject({ sent: 1 });
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
  });

  it('records a survey without an email as no-contact and answers its token itself', async () => {
    given({ status: 'scheduled', requesterEmail: null });

    const outcome = await mailInvitation(deps, input);

    expect(outcome).toBe('no-contact');
    expect(surveyUpdates()[0]).toMatchObject({
      set: { status: 'no-contact', statusReason: 'no-email' },
    });
    expect(sfn).toReceiveCommandWith(SendTaskSuccessCommand, {
      taskToken: 'token-2',
      output: JSON.stringify({ outcome: 'no-contact' }),
    });
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('suppresses a survey to a person who opted out, without a mail', async () => {
    given({ status: 'scheduled' });
    const person = personKey(emailKey(REQUESTER));
    givenStored(ddb, person, { ...person, optedOutAt: '2024-01-01T00:00:00.000Z' });

    const outcome = await mailInvitation(deps, input);

    expect(outcome).toBe('suppressed');
    expect(surveyUpdates()[0]?.set).toMatchObject({
      status: 'suppressed',
      statusReason: 'opted-out',
    });
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it.each(['rated', 'cancelled', 'expired', 'suppressed', 'failed'] as const)(
    'answers its token at once for a %s survey, writing nothing',
    async (status) => {
      given({ status });

      const outcome = await mailInvitation(deps, input);

      expect(outcome).toBe(status);
      expect(sfn).toReceiveCommandWith(SendTaskSuccessCommand, {
        output: JSON.stringify({ outcome: status }),
      });
      expect(ddb).not.toReceiveCommand(UpdateCommand);
      expect(ses).not.toReceiveCommand(SendEmailCommand);
    }
  );

  it('hands a reminded survey (a resumed execution) to the reminder state', async () => {
    given({ status: 'reminded' });

    await expect(mailInvitation(deps, input)).rejects.toBeInstanceOf(SurveyAlreadyRemindedError);
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('only parks the new token of a survey whose invitation SES took', async () => {
    given({ status: 'sent', messageId: 'message-0', invitationAttempt: inDoubt });

    const outcome = await mailInvitation(deps, input);

    expect(outcome).toBe('waiting');
    expect(surveyUpdates()).toEqual([]);
    expect(taskTokens()).toEqual(['token-2']);
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('does not mail again after an unknown outcome when the receipt says SES took it', async () => {
    given({ status: 'sent', invitationAttempt: inDoubt });
    givenStored(ddb, mailReceiptKey('attempt-1'), {
      ...mailReceiptKey('attempt-1'),
      outcome: 'sent',
      messageId: 'message-0',
      at: NOW.toISOString(),
    });

    const outcome = await mailInvitation(deps, input);

    expect(outcome).toBe('waiting');
    expect(ses).not.toReceiveCommand(SendEmailCommand);
    const accepted = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(decodeUpdate(accepted[0]?.Update).set).toEqual({ messageId: 'message-0' });
    expect(decodeUpdate(accepted[1]?.Update).add).toMatchObject({ sent: 1 });
  });

  it('parks the new token and stays unknown while the receipt window is open', async () => {
    given({ status: 'sent', invitationAttempt: inDoubt });

    await expect(mailInvitation(deps, input)).rejects.toBeInstanceOf(EmailOutcomeUnknownError);
    expect(surveyUpdates()).toEqual([]);
    expect(taskTokens()).toEqual(['token-2']);
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('mails once more, as attempt 2, when no receipt came within the window', async () => {
    given({
      status: 'sent',
      invitationAttempt: { ...inDoubt, at: '2024-03-01T09:58:00.000Z' },
    });

    const outcome = await mailInvitation(deps, input);

    expect(outcome).toBe('mailed');
    expect(ses).toReceiveCommandTimes(SendEmailCommand, 1);
    const [retry] = surveyUpdates();
    expect(taskTokens()).toEqual(['token-2', 'token-2']);
    expect(retry).toMatchObject({
      set: {
        invitationAttempt: { count: 2 },
        closesAt: '2024-03-01T10:01:10.000Z',
      },
      condition: 'status = "sent" AND attribute_not_exists(messageId)',
    });
  });

  it('mails again at once after SES refused the attempt (its refusal receipt)', async () => {
    given({ status: 'sent', invitationAttempt: inDoubt });
    givenStored(ddb, mailReceiptKey('attempt-1'), {
      ...mailReceiptKey('attempt-1'),
      outcome: 'refused',
      at: NOW.toISOString(),
    });

    expect(await mailInvitation(deps, input)).toBe('mailed');
    expect(ses).toReceiveCommandTimes(SendEmailCommand, 1);
  });

  it('throws EmailThrottledError on a 429 and records that nothing was sent', async () => {
    given({ status: 'scheduled' });
    ses.on(SendEmailCommand).rejects(
      Object.assign(new Error('slow down'), {
        name: 'TooManyRequestsException',
        $metadata: { httpStatusCode: 429 },
      })
    );

    await expect(mailInvitation(deps, input)).rejects.toBeInstanceOf(EmailThrottledError);
    const receipt = ddb
      .commandCalls(PutCommand)
      .find((c) => String(c.args[0].input.Item?.pk).startsWith('MAILRECEIPT#'));
    expect(receipt?.args[0].input.Item).toMatchObject({ outcome: 'refused' });
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('throws EmailOutcomeUnknownError on a timeout, with no refusal receipt', async () => {
    given({ status: 'scheduled' });
    ses
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('timed out'), { name: 'TimeoutError' }));

    await expect(mailInvitation(deps, input)).rejects.toBeInstanceOf(EmailOutcomeUnknownError);
    const receipts = ddb
      .commandCalls(PutCommand)
      .filter((c) => String(c.args[0].input.Item?.pk).startsWith('MAILRECEIPT#'));
    expect(receipts).toHaveLength(0);
  });

  it('counts the mail once: an acceptance recorded already is no error', async () => {
    given({ status: 'scheduled' });
    ddb
      .on(TransactWriteCommand)
      .rejects(transactionCanceled('ConditionalCheckFailed', 'None', 'None'));

    expect(await mailInvitation(deps, input)).toBe('mailed');
  });

  it('acts on the new status when the survey was cancelled between read and claim', async () => {
    ddb
      .on(GetCommand, { Key: surveyKey(SURVEY_ID) })
      .resolvesOnce({ Item: surveyItem({ status: 'scheduled' }) })
      .resolves({ Item: surveyItem({ status: 'cancelled' }) });
    ddb
      .on(UpdateCommand, { Key: surveyKey(SURVEY_ID) })
      .rejects(Object.assign(new Error('no'), { name: 'ConditionalCheckFailedException' }));

    expect(await mailInvitation(deps, input)).toBe('cancelled');
    expect(ses).not.toReceiveCommand(SendEmailCommand);
    expect(sfn).toReceiveCommandWith(SendTaskSuccessCommand, {
      output: JSON.stringify({ outcome: 'cancelled' }),
    });
  });
});
