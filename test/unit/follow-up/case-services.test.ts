import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { SendTaskSuccessCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FollowUpAlreadyResolvedError } from '#functions/follow-up/already-resolved-error.ts';
import { assignFollowUp } from '#functions/follow-up/api/assign-follow-up.service.ts';
import {
  resolveFollowUp,
  type Resolution,
} from '#functions/follow-up/resolve-follow-up.service.ts';
import { awaitResolution } from '#functions/follow-up/tasks/await-resolution.service.ts';
import { escalate } from '#functions/follow-up/tasks/escalate-follow-up.service.ts';
import { notifyOwner } from '#functions/follow-up/tasks/notify-owner.service.ts';
import { sendClosingEmail } from '#functions/follow-up/tasks/send-closing-email.service.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { csiAggregateKey, followUpKey, followUpWorkListEntries } from '#shared/data/keys.ts';
import { FollowUpNotFoundError } from '#shared/data/not-found-errors.ts';
import { EmailRejectedError, EmailThrottledError } from '#shared/mail/send-mail.ts';
import { csiSettingsSchema } from '#shared/settings/csi-settings.ts';
import { emailKey, hashToken, TOKEN_PATTERN } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import {
  followUpItem,
  NOW,
  sesClient,
  SURVEY_ID,
  TABLE,
  testDeps,
} from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed, tableThrottled, transactionCanceled } from '#test/helpers/sdk-errors.ts';
import {
  addedCounters,
  decodeUpdate,
  expectNewItemOnly,
  sentUpdates,
} from '#test/helpers/sent-commands.ts';

const { ddb, sfn, ses } = mockAws({ table: 'empty', workflows: 'accepting', mail: 'accepting' });

const BASE_URL = 'https://csi.example.com';
const MAX_AGE_SECONDS = 30 * 86400;
/** What every case service takes (each uses a part): stores, workflow, mail, links, clock. */
const deps = {
  ...testDeps(),
  mail: { ses: sesClient(), from: 'csi@example.com', configurationSetName: 'otklik-test' },
  publicBaseUrl: BASE_URL,
  maxAgeSeconds: MAX_AGE_SECONDS,
  settings: csiSettingsSchema.parse({}),
};
/** The updates sent, decoded, in order. */
const updates = () => sentUpdates(ddb);
const resolution: Resolution = {
  rootCause: 'process',
  correctiveAction: 'Payroll checks moved before the cut-off.',
  notifyRequester: true,
  messageToRequester: 'We changed the order of checks.',
  resolvedBy: 'owner@example.com',
};

const givenFollowUp = (...items: FollowUp[]) => {
  let stub = ddb.on(GetCommand, { Key: followUpKey(SURVEY_ID) });
  for (const item of items.slice(0, -1)) stub = stub.resolvesOnce({ Item: item });
  const last = items.at(-1);
  stub.resolves(last ? { Item: last } : {});
};

/** The one mail sent: recipient, subject, text, and the case link token in it. */
const sentMail = (call = 0) => {
  const input = ses.commandCalls(SendEmailCommand)[call]?.args[0].input;
  const text = input?.Content?.Simple?.Body?.Text?.Data ?? '';
  return {
    to: input?.Destination?.ToAddresses,
    subject: input?.Content?.Simple?.Subject?.Data,
    html: input?.Content?.Simple?.Body?.Html?.Data ?? '',
    text,
    token: /\/f\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '',
  };
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Service: notifyOwner', () => {
  it('mails the owner a personal /f/{token} link whose hash is stored as a case token', async () => {
    // Prepare
    givenFollowUp(followUpItem());

    // Act
    await notifyOwner(deps, SURVEY_ID);

    // Assess
    const mail = sentMail();
    expect(mail.to).toEqual(['owner@example.com']);
    // In the SSC's language (ru by default), though the requester writes in English.
    expect(mail.subject).toBe('Разбор оценки 2 по запросу INC-1001');
    expect(mail.token).toMatch(TOKEN_PATTERN);
    expect(mail.text).toContain(`${BASE_URL}/f/${mail.token}`);
    expect(mail.html).toContain(`href="${BASE_URL}/f/${mail.token}"`);
    const put = ddb.commandCalls(PutCommand)[0]?.args[0].input;
    expectNewItemOnly(put);
    expect(ddb).toReceiveCommandExactlyOnceWith(PutCommand, {
      TableName: TABLE,
      Item: expect.objectContaining({
        pk: `TOKEN#${hashToken(mail.token)}`,
        sk: 'TOKEN',
        kind: 'case',
        subjectId: SURVEY_ID,
        validUntil: '2025-04-09T00:00:00.000Z', // openedAt + 30 days
        // The owner of a never reassigned case: generation 0; the address only as a hash.
        holder: { role: 'owner', emailHash: emailKey('owner@example.com'), generation: 0 },
      }),
    });
    expect(JSON.stringify(put)).not.toContain('owner@example.com');
  });

  it('sends the mail from the configured sender, with the branding name, and configuration set', async () => {
    // Prepare
    givenFollowUp(followUpItem());

    // Act
    await notifyOwner(deps, SURVEY_ID);

    // Assess
    expect(ses).toReceiveCommandWith(SendEmailCommand, {
      // The default branding's sender name (Служба качества ЦОО), RFC 2047-encoded.
      FromEmailAddress:
        '=?UTF-8?B?0KHQu9GD0LbQsdCwINC60LDRh9C10YHRgtCy0LAg0KbQntCe?= <csi@example.com>',
      ConfigurationSetName: 'otklik-test',
    });
  });

  it('records ownerNotifiedAt once the mail went, not before', async () => {
    // Prepare
    givenFollowUp(followUpItem());

    // Act
    const result = await notifyOwner(deps, SURVEY_ID);

    // Assess
    expect(result).toEqual({ notified: true });
    expect(ddb).toReceiveCommandWith(UpdateCommand, { Key: followUpKey(SURVEY_ID) });
    expect(decodeUpdate(ddb.commandCalls(UpdateCommand)[0]?.args[0].input).set).toEqual({
      ownerNotifiedAt: NOW.toISOString(),
    });
    const mail = ses.commandCalls(SendEmailCommand)[0];
    const mark = ddb.commandCalls(UpdateCommand)[0];
    expect(mail && mark && mail.calledBefore(mark)).toBe(true);
  });

  it('records nothing when the owner mail fails, so a resumed case notifies again', async () => {
    // Prepare: SES unavailable
    givenFollowUp(followUpItem());
    ses
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('unavailable'), { name: 'ServiceUnavailable' }));

    // Act
    const result = notifyOwner(deps, SURVEY_ID);

    // Assess
    await expect(result).rejects.toThrow();
    expect(ddb).not.toReceiveCommand(UpdateCommand);
  });

  it('mails nobody twice: a case whose owner was told already is left alone', async () => {
    // Prepare: a retried invocation after the mail and its record
    givenFollowUp(followUpItem({ ownerNotifiedAt: '2025-03-10T11:00:00.000Z' }));

    // Act
    const result = await notifyOwner(deps, SURVEY_ID);

    // Assess
    expect(result).toEqual({ notified: false });
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('mails nobody for a resolved case', async () => {
    // Prepare
    givenFollowUp(followUpItem({ status: 'resolved' }));

    // Act
    await notifyOwner(deps, SURVEY_ID);

    // Assess
    expect(ses).not.toReceiveCommand(SendEmailCommand);
    expect(ddb).not.toReceiveCommand(PutCommand);
  });

  it('fails for an unknown case', async () => {
    // Act
    const result = notifyOwner(deps, SURVEY_ID);

    // Assess
    await expect(result).rejects.toBeInstanceOf(FollowUpNotFoundError);
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });
});

describe('Service: awaitResolution', () => {
  it('parks the task token on an unresolved case', async () => {
    // Act
    await awaitResolution(deps, SURVEY_ID, 'case-token');

    // Assess
    expect(ddb).toReceiveCommandExactlyOnceWith(UpdateCommand, { Key: followUpKey(SURVEY_ID) });
    expect(updates()).toEqual([
      expect.objectContaining({
        set: { taskToken: 'case-token' },
        condition: 'status IN ("open", "overdue")',
      }),
    ]);
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
  });

  it('answers the task at once when the case is resolved already', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());
    givenFollowUp(followUpItem({ status: 'resolved' }));

    // Act
    await awaitResolution(deps, SURVEY_ID, 'case-token');

    // Assess
    expect(ddb).toReceiveCommandWith(GetCommand, {
      Key: followUpKey(SURVEY_ID),
      ConsistentRead: true,
    });
    expect(sfn).toReceiveCommandExactlyOnceWith(SendTaskSuccessCommand, {
      taskToken: 'case-token',
      output: JSON.stringify({ resolved: true }),
    });
  });

  it('fails for an unknown case instead of answering the task', async () => {
    // Prepare: no case, so the status condition fails too
    ddb.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const result = awaitResolution(deps, SURVEY_ID, 'case-token');

    // Assess
    await expect(result).rejects.toBeInstanceOf(FollowUpNotFoundError);
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
  });

  it('rethrows a cancelled transaction error, which a single update never means', async () => {
    // Prepare
    const cancelled = transactionCanceled('ConditionalCheckFailed');
    ddb.on(UpdateCommand).rejects(cancelled);

    // Act
    const result = awaitResolution(deps, SURVEY_ID, 'case-token');

    // Assess
    await expect(result).rejects.toBe(cancelled);
    expect(ddb).not.toReceiveCommand(GetCommand);
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
  });

  it('rethrows a table error without answering the task', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(tableThrottled());

    // Act
    const result = awaitResolution(deps, SURVEY_ID, 'case-token');

    // Assess
    await expect(result).rejects.toThrow(ProvisionedThroughputExceededException);
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
  });
});

describe('Service: escalate', () => {
  it('marks an open case overdue and mails the escalation contact the case link', async () => {
    // Prepare
    givenFollowUp(
      followUpItem(),
      followUpItem({ status: 'overdue', escalatedAt: NOW.toISOString() })
    );

    // Act
    const result = await escalate(deps, SURVEY_ID);

    // Assess: both work lists of overdue cases, still sorted by the due time
    expect(result).toEqual({ escalated: true });
    expect(ddb).toReceiveCommandWith(UpdateCommand, { Key: followUpKey(SURVEY_ID) });
    expect(updates()).toEqual([
      expect.objectContaining({
        set: {
          status: 'overdue',
          escalatedAt: NOW.toISOString(),
          updatedAt: NOW.toISOString(),
          ...followUpWorkListEntries('overdue', 'bu-fin', '2025-03-12T00:00:00.000Z'),
        },
        condition: 'status = "open"',
      }),
    ]);
    const mail = sentMail();
    expect(mail.to).toEqual(['lead@example.com']);
    expect(mail.subject).toBe('Просрочен разбор оценки по запросу INC-1001');
    expect(mail.text).toContain('Ответственный: Olga Owner.');
    expect(mail.text).toContain(`${BASE_URL}/f/${mail.token}`);
    expect(ddb).toReceiveCommandWith(PutCommand, {
      Item: expect.objectContaining({
        pk: `TOKEN#${hashToken(mail.token)}`,
        kind: 'case',
        holder: { role: 'escalation', emailHash: emailKey('lead@example.com') },
      }),
    });
  });

  it('does nothing for a case that is resolved (or escalated) already', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());
    givenFollowUp(followUpItem({ status: 'resolved' }));

    // Act
    const result = await escalate(deps, SURVEY_ID);

    // Assess
    expect(result).toEqual({ escalated: false });
    expect(ses).not.toReceiveCommand(SendEmailCommand);
    expect(ddb).not.toReceiveCommand(PutCommand);
  });

  it('does nothing for an unknown case, writing nothing', async () => {
    // Act
    const result = await escalate(deps, SURVEY_ID);

    // Assess
    expect(result).toEqual({ escalated: false });
    expect(ddb).not.toReceiveCommand(UpdateCommand);
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });
});

describe('Service: resolveFollowUp', () => {
  it('resolves the case and counts it in one conditional transaction', async () => {
    // Prepare
    givenFollowUp(followUpItem(), followUpItem({ status: 'resolved' }));

    // Act
    const resolved = await resolveFollowUp(deps, SURVEY_ID, resolution);

    // Assess
    expect(resolved.status).toBe('resolved');
    const [update, aggregate] =
      ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(update?.Update?.Key).toEqual(followUpKey(SURVEY_ID));
    // Resolved cases sort by their resolution time on both work lists.
    expect(decodeUpdate(update?.Update)).toMatchObject({
      set: {
        status: 'resolved',
        resolvedAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        resolvedBy: 'owner@example.com',
        rootCause: 'process',
        correctiveAction: 'Payroll checks moved before the cut-off.',
        notifyRequester: true,
        messageToRequester: 'We changed the order of checks.',
        ...followUpWorkListEntries('resolved', 'bu-fin', NOW.toISOString()),
      },
      condition: 'status IN ("open", "overdue")',
    });
    expect(aggregate?.Update?.Key).toEqual(csiAggregateKey('2025-03-05', 'bu-fin#svc-payroll'));
    expect(addedCounters(aggregate?.Update)).toEqual({ followUpsResolved: 1 });
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
  });

  it('stores an empty message when the owner wrote none', async () => {
    // Prepare
    givenFollowUp(followUpItem(), followUpItem({ status: 'resolved' }));

    // Act
    await resolveFollowUp(deps, SURVEY_ID, { ...resolution, messageToRequester: undefined });

    // Assess
    const [update] = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(decodeUpdate(update?.Update).set.messageToRequester).toBe('');
  });

  it('releases the workflow that waits on the case', async () => {
    // Prepare
    givenFollowUp(
      followUpItem({ taskToken: 'case-token' }),
      followUpItem({ status: 'resolved', taskToken: 'case-token' })
    );

    // Act
    await resolveFollowUp(deps, SURVEY_ID, resolution);

    // Assess
    expect(sfn).toReceiveCommandExactlyOnceWith(SendTaskSuccessCommand, {
      taskToken: 'case-token',
      output: JSON.stringify({ resolved: true }),
    });
  });

  it('still resolves when the waiting workflow timed out', async () => {
    // Prepare
    givenFollowUp(followUpItem(), followUpItem({ status: 'resolved', taskToken: 'case-token' }));
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'late', $metadata: {} }));

    // Act
    const resolved = await resolveFollowUp(deps, SURVEY_ID, resolution);

    // Assess
    expect(resolved.status).toBe('resolved');
    expect(sfn).toReceiveCommandTimes(SendTaskSuccessCommand, 1);
  });

  it('refuses to resolve twice and counts nothing more', async () => {
    // Prepare: the case's status condition fails
    givenFollowUp(followUpItem({ status: 'resolved', taskToken: 'case-token' }));
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None'));

    // Act
    const result = resolveFollowUp(deps, SURVEY_ID, resolution);

    // Assess
    await expect(result).rejects.toBeInstanceOf(FollowUpAlreadyResolvedError);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
  });

  it('retries a resolution that conflicts with another update of the day counter', async () => {
    // Prepare
    vi.spyOn(Math, 'random').mockReturnValue(0); // no wait between the attempts
    givenFollowUp(followUpItem(), followUpItem({ status: 'resolved' }));
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionCanceled('None', 'TransactionConflict'))
      .resolves({});

    // Act
    const resolved = await resolveFollowUp(deps, SURVEY_ID, resolution);

    // Assess
    expect(resolved.status).toBe('resolved');
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 2);
  });

  it.each([
    ['without reasons', transactionCanceled()],
    ['by the counter, not the case', transactionCanceled('None', 'ValidationError')],
  ])(
    'rethrows a transaction cancelled %s as it is, not as resolved already',
    async (_label, cancelled) => {
      // Prepare
      givenFollowUp(followUpItem());
      ddb.on(TransactWriteCommand).rejects(cancelled);

      // Act
      const result = resolveFollowUp(deps, SURVEY_ID, resolution);

      // Assess
      await expect(result).rejects.toBe(cancelled);
      expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
      expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
    }
  );

  it('fails for an unknown case without writing', async () => {
    // Act
    const result = resolveFollowUp(deps, SURVEY_ID, resolution);

    // Assess
    await expect(result).rejects.toBeInstanceOf(FollowUpNotFoundError);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });
});

describe('Service: sendClosingEmail', () => {
  const resolved = (overrides: Partial<FollowUp> = {}) =>
    followUpItem({
      status: 'resolved',
      notifyRequester: true,
      correctiveAction: 'Payroll checks moved before the cut-off.',
      messageToRequester: 'We changed the order of checks.',
      ...overrides,
    });

  it('marks the mail sent and mails the requester what was done', async () => {
    // Prepare
    givenFollowUp(resolved());

    // Act
    const result = await sendClosingEmail(deps, SURVEY_ID);

    // Assess
    expect(result).toEqual({ sent: true });
    expect(ddb).toReceiveCommandExactlyOnceWith(UpdateCommand, { Key: followUpKey(SURVEY_ID) });
    expect(updates()).toEqual([
      expect.objectContaining({
        set: { closingEmailSentAt: NOW.toISOString() },
        condition: 'attribute_not_exists(closingEmailSentAt)',
      }),
    ]);
    const mail = sentMail();
    expect(mail.to).toEqual(['anna@example.com']);
    expect(mail.subject).toBe('What we did about your feedback on request INC-1001');
    expect(mail.text).toContain('We changed the order of checks.');
  });

  it('never mails the internal corrective action, even when there is no message', async () => {
    // Prepare
    givenFollowUp(resolved({ messageToRequester: '  ' }));

    // Act
    await sendClosingEmail(deps, SURVEY_ID);

    // Assess
    const mail = sentMail();
    expect(mail.text).not.toContain('Payroll checks moved before the cut-off.');
    expect(mail.html).not.toContain('Payroll checks moved before the cut-off.');
    expect(mail.text).toContain('the cause is found and the steps against it are recorded');
  });

  it('sends only once', async () => {
    // Prepare
    givenFollowUp(resolved({ closingEmailSentAt: '2025-03-10T11:00:00.000Z' }));

    // Act
    const result = await sendClosingEmail(deps, SURVEY_ID);

    // Assess
    expect(result).toEqual({ sent: false });
    expect(ddb).not.toReceiveCommand(UpdateCommand);
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('sends nothing when a concurrent call marked the mail first', async () => {
    // Prepare
    givenFollowUp(resolved());
    ddb.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const result = await sendClosingEmail(deps, SURVEY_ID);

    // Assess
    expect(result).toEqual({ sent: false });
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('reports SES throttling as EmailThrottledError and gives the claim back', async () => {
    // Prepare
    givenFollowUp(resolved());
    ses
      .on(SendEmailCommand)
      .rejects(new TooManyRequestsException({ message: 'slow', $metadata: {} }));

    // Act
    const result = sendClosingEmail(deps, SURVEY_ID);

    // Assess
    await expect(result).rejects.toBeInstanceOf(EmailThrottledError);
    expect(updates()).toEqual([
      expect.objectContaining({ set: { closingEmailSentAt: NOW.toISOString() } }),
      {
        key: followUpKey(SURVEY_ID),
        set: {},
        setIfAbsent: {},
        add: {},
        remove: ['closingEmailSentAt'],
        condition: undefined,
      },
    ]);
    expect(ddb).toReceiveCommandWith(UpdateCommand, { TableName: TABLE });
  });

  it('gives the claim back when SES refuses the mail for good, too', async () => {
    // Prepare
    givenFollowUp(resolved());
    ses.on(SendEmailCommand).rejects(Object.assign(new Error('no'), { name: 'MessageRejected' }));

    // Act
    const result = sendClosingEmail(deps, SURVEY_ID);

    // Assess
    await expect(result).rejects.toBeInstanceOf(EmailRejectedError);
    expect(updates().at(-1)).toMatchObject({
      key: followUpKey(SURVEY_ID),
      remove: ['closingEmailSentAt'],
    });
  });

  it('keeps the claim once the mail is sent', async () => {
    // Prepare
    givenFollowUp(resolved());

    // Act
    await sendClosingEmail(deps, SURVEY_ID);

    // Assess
    expect(updates().filter((update) => update.remove.includes('closingEmailSentAt'))).toEqual([]);
    expect(updates()).toHaveLength(1);
  });

  it('still sends the closing mail when the workflow retries after throttling', async () => {
    // Prepare: a table that remembers the marker between the two attempts
    let marker: string | undefined;
    ddb
      .on(GetCommand, { Key: followUpKey(SURVEY_ID) })
      .callsFake(() => ({ Item: resolved(marker ? { closingEmailSentAt: marker } : {}) }));
    ddb.on(UpdateCommand).callsFake((input: Parameters<typeof decodeUpdate>[0]) => {
      if (decodeUpdate(input).remove.includes('closingEmailSentAt')) marker = undefined;
      else if (marker) throw conditionFailed();
      else marker = NOW.toISOString();
      return {};
    });
    ses
      .on(SendEmailCommand)
      .rejectsOnce(new TooManyRequestsException({ message: 'slow', $metadata: {} }))
      .resolves({ MessageId: 'message-2' });
    await expect(sendClosingEmail(deps, SURVEY_ID)).rejects.toBeInstanceOf(EmailThrottledError);

    // Act
    const retry = await sendClosingEmail(deps, SURVEY_ID);

    // Assess
    expect(retry).toEqual({ sent: true });
    expect(ses).toReceiveCommandTimes(SendEmailCommand, 2);
  });

  it.each([
    ['the owner chose not to notify', { notifyRequester: false }],
    ['the case is not resolved', { status: 'overdue' as const }],
    ['the requester has no address', { requesterEmail: null }],
  ])('sends nothing when %s', async (_label, overrides) => {
    // Prepare
    givenFollowUp(resolved(overrides));

    // Act
    const result = await sendClosingEmail(deps, SURVEY_ID);

    // Assess
    expect(result).toEqual({ sent: false });
    expect(ddb).not.toReceiveCommand(UpdateCommand);
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });
});

describe('Service: assignFollowUp', () => {
  const newOwner = { email: 'new-owner@example.com', name: 'Nina New' };

  it('hands the case to another owner who gets a new personal link', async () => {
    // Prepare
    givenFollowUp(followUpItem({ owner: newOwner }));

    // Act
    const followUp = await assignFollowUp(deps, SURVEY_ID, newOwner, 'admin-1');

    // Assess
    expect(followUp.owner).toEqual(newOwner);
    expect(ddb).toReceiveCommandWith(UpdateCommand, { Key: followUpKey(SURVEY_ID) });
    expect(updates()).toEqual([
      expect.objectContaining({
        set: { owner: newOwner, updatedAt: NOW.toISOString() },
        condition: 'attribute_exists(pk) AND status IN ("open", "overdue")',
      }),
      // The new owner is the one told: a resumed workflow mails nobody again.
      expect.objectContaining({ set: { ownerNotifiedAt: NOW.toISOString() } }),
    ]);
    expect(followUp.ownerNotifiedAt).toBe(NOW.toISOString());
    // The timeline records who handed the case to whom (the new owner's name, not address).
    expect(ddb).toReceiveCommandWith(PutCommand, {
      Item: expect.objectContaining({
        pk: followUpKey(SURVEY_ID).pk,
        sk: expect.stringMatching(/^EVENT#2025-03-10T12:00:00\.000Z#[0-9a-f]{12}$/),
        kind: 'reassigned',
        by: 'admin-1',
        toName: 'Nina New',
        toEmailHash: emailKey('new-owner@example.com'),
      }),
    });
    const mail = sentMail();
    expect(mail.to).toEqual(['new-owner@example.com']);
    expect(mail.token).toMatch(TOKEN_PATTERN);
    expect(ddb).toReceiveCommandWith(PutCommand, {
      Item: expect.objectContaining({
        pk: `TOKEN#${hashToken(mail.token)}`,
        kind: 'case',
        validUntil: '2025-04-09T00:00:00.000Z',
      }),
    });
  });

  it('refuses to reassign a resolved case', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());
    givenFollowUp(followUpItem({ status: 'resolved' }));

    // Act
    const result = assignFollowUp(deps, SURVEY_ID, newOwner, 'admin-1');

    // Assess
    await expect(result).rejects.toBeInstanceOf(FollowUpAlreadyResolvedError);
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('answers not found for an unknown case', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const result = assignFollowUp(deps, SURVEY_ID, newOwner, 'admin-1');

    // Assess
    await expect(result).rejects.toBeInstanceOf(FollowUpNotFoundError);
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });
});
