import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  ExecutionAlreadyExists,
  InvalidArn,
  SendTaskFailureCommand,
  StartExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  canonicalEventSchema,
  type CanonicalEvent,
} from '#functions/intake/canonical-event.schema.ts';
import {
  ingestTicketEvent,
  surveyIdFor,
  type IngestDeps,
} from '#functions/intake/ingest-ticket-event.service.ts';
import { csiSettingsSchema } from '#shared/settings/csi-settings.ts';
import {
  deliveryKey,
  surveyKey,
  surveyStatusEntry,
  ticketSourcePrefix,
  ticketStateKey,
  ticketSurveysEntry,
  ticketSurveysPartition,
} from '#shared/data/keys.ts';
import type { SurveyStatus } from '#shared/data/survey.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { testDeps } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed } from '#test/helpers/sdk-errors.ts';
import {
  decodeUpdate,
  expectNewItemOnly,
  readable,
  sentUpdates,
} from '#test/helpers/sent-commands.ts';

const { ddb, sfn } = mockAws();

const TABLE = 'otklik-test';
const STATE_MACHINE_ARN = 'arn:aws:states:eu-central-1:123456789012:stateMachine:csi-survey';
const NOW = new Date('2024-03-01T10:00:00.000Z');
const NOW_EPOCH = Math.floor(NOW.getTime() / 1000);

const deps: IngestDeps = {
  ...testDeps({ now: NOW }),
  csiStateMachineArn: STATE_MACHINE_ARN,
  settings: csiSettingsSchema.parse({}),
};

const event = (overrides: Record<string, unknown> = {}): CanonicalEvent =>
  canonicalEventSchema.parse({
    eventType: 'ticket.resolved',
    ticketId: 'T-1001',
    ticketNumber: 'SR-1001',
    title: 'VPN access',
    requester: { email: ' Anna@Example.com ', name: 'Anna', locale: 'en-GB' },
    businessUnit: { id: 'bu-fin', name: 'Finance' },
    service: { id: 'svc-it', name: 'IT support' },
    agent: { name: 'Boris', email: 'boris@example.com' },
    resolvedAt: '2024-03-01T12:00:00+03:00',
    ...overrides,
  });

const RESOLVED_UTC = '2024-03-01T09:00:00.000Z';
const SURVEY_ID = surveyIdFor('generic', 'T-1001', RESOLVED_UTC);

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

/** A stored survey of ticket T-1001, as the gsi1 query returns it. */
const storedSurvey = (surveyId: string, status: SurveyStatus) => ({
  ...surveyKey(surveyId),
  surveyId,
  source: 'generic',
  ticketId: 'T-1001',
  ticketNumber: 'SR-1001',
  requesterEmail: 'anna@example.com',
  locale: 'en',
  resolvedAt: RESOLVED_UTC,
  status,
  createdAt: RESOLVED_UTC,
  updatedAt: RESOLVED_UTC,
  aggregateDay: '2024-03-01',
  aggregateDimension: 'bu-fin#svc-it',
  ...ticketSurveysEntry('T-1001', 'generic', RESOLVED_UTC),
});

/** The delivery item of a webhook delivery, as written. */
const deliveryItem = (deliveryId: string) => ({
  ...deliveryKey('generic', deliveryId),
  receivedAt: NOW.toISOString(),
  expiresAt: NOW_EPOCH + 7 * 86400,
});

const transactItems = (call = 0) =>
  ddb.commandCalls(TransactWriteCommand)[call]?.args[0].input.TransactItems ?? [];

const startInputs = () =>
  sfn.commandCalls(StartExecutionCommand).map((call) => ({
    name: call.args[0].input.name,
    input: JSON.parse(call.args[0].input.input ?? 'null'),
  }));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Service: surveyIdFor', () => {
  it('gives the same id for the same resolution in another time zone offset', () => {
    // Act
    const moscow = surveyIdFor('generic', 'T-1001', '2024-03-01T12:00:00+03:00');
    const utc = surveyIdFor('generic', 'T-1001', '2024-03-01T09:00:00Z');
    const newYork = surveyIdFor('generic', 'T-1001', '2024-03-01T04:00:00.000-05:00');

    // Assess
    expect(moscow).toBe(utc);
    expect(newYork).toBe(utc);
  });

  it('is 32 lower-case hex characters', () => {
    // Act
    const id = surveyIdFor('generic', 'T-1001', RESOLVED_UTC);

    // Assess
    expect(id).toMatch(/^[a-f0-9]{32}$/);
  });

  it('differs for another resolution time, ticket or source', () => {
    // Act
    const ids = new Set([
      surveyIdFor('generic', 'T-1001', RESOLVED_UTC),
      surveyIdFor('generic', 'T-1001', '2024-03-01T09:00:01Z'),
      surveyIdFor('generic', 'T-1002', RESOLVED_UTC),
      surveyIdFor('jira', 'T-1001', RESOLVED_UTC),
    ]);

    // Assess
    expect(ids.size).toBe(4);
  });
});

describe('Service: ingestTicketEvent', () => {
  it('writes the delivery and the survey in one transaction, each only once', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:execution' });

    // Act
    const outcome = await ingestTicketEvent(deps, 'generic', 'msg-1', event());

    // Assess
    expect(outcome).toEqual({ kind: 'scheduled', surveyId: SURVEY_ID });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    const [delivery, survey, ...more] = transactItems();
    expect(more).toEqual([]);
    for (const put of [delivery?.Put, survey?.Put]) expectNewItemOnly(put);
    expect(ddb).toReceiveCommandWith(TransactWriteCommand, {
      TransactItems: [
        {
          Put: expect.objectContaining({ TableName: TABLE, Item: deliveryItem('msg-1') }),
        },
        {
          Put: expect.objectContaining({
            TableName: TABLE,
            Item: expect.objectContaining({
              pk: `SURVEY#${SURVEY_ID}`,
              sk: 'SURVEY',
              surveyId: SURVEY_ID,
              source: 'generic',
              ticketId: 'T-1001',
              ticketNumber: 'SR-1001',
              requesterEmail: 'anna@example.com',
              locale: 'en',
              agentEmail: 'boris@example.com',
              resolvedAt: RESOLVED_UTC,
              status: 'scheduled',
              createdAt: NOW.toISOString(),
              aggregateDay: '2024-03-01',
              aggregateDimension: 'bu-fin#svc-it',
              // A ticket's surveys, and the work list of scheduled ones.
              ...ticketSurveysEntry('T-1001', 'generic', RESOLVED_UTC),
              ...surveyStatusEntry(SURVEY_ID, 'scheduled', NOW.toISOString()),
            }),
          }),
        },
      ],
    });
  });

  it('starts the survey workflow named after the survey, with its waits', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:execution' });

    // Act
    await ingestTicketEvent(deps, 'generic', 'msg-1', event());

    // Assess
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 1);
    expect(sfn).toReceiveCommandWith(StartExecutionCommand, {
      stateMachineArn: STATE_MACHINE_ARN,
      name: SURVEY_ID,
    });
    expect(startInputs()).toEqual([
      {
        name: SURVEY_ID,
        input: {
          surveyId: SURVEY_ID,
          // The execution input of functions/shared/kernel/survey-waits.ts (a fresh survey).
          waits: { untilReminderSeconds: 3 * 86400, untilCloseSeconds: 4 * 86400 },
        },
      },
    ]);
  });

  it('keeps unknown SLA and reopen values null on the survey', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    sfn.on(StartExecutionCommand).resolves({});

    // Act
    await ingestTicketEvent(deps, 'generic', 'msg-1', event());

    // Assess
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    const survey = items[1]?.Put?.Item;
    expect(survey?.slaBreached).toBeNull();
    expect(survey?.reopenCount).toBeNull();
    expect(survey?.slaDueAt).toBeNull();
  });

  it('stores a resolution given with an offset in UTC, under the same survey id', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    sfn.on(StartExecutionCommand).resolves({});

    // Act
    const fromMoscow = await ingestTicketEvent(deps, 'generic', 'msg-1', event());
    const fromUtc = await ingestTicketEvent(
      deps,
      'generic',
      'msg-2',
      event({ resolvedAt: '2024-03-01T09:00:00Z' })
    );

    // Assess
    expect(fromMoscow).toEqual({ kind: 'scheduled', surveyId: SURVEY_ID });
    expect(fromUtc).toEqual({ kind: 'scheduled', surveyId: SURVEY_ID });
  });

  it('answers a repeated delivery id as a duplicate and starts nothing', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));

    // Act
    const outcome = await ingestTicketEvent(deps, 'generic', 'msg-1', event());

    // Assess
    expect(outcome).toEqual({ kind: 'duplicate', surveyId: SURVEY_ID });
    expect(sfn).not.toReceiveCommand(StartExecutionCommand);
  });

  it('answers a repeated resolution as a duplicate and starts its workflow again', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));
    sfn
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'already exists', $metadata: {} }));

    // Act
    const outcome = await ingestTicketEvent(deps, 'generic', 'msg-2', event());

    // Assess
    expect(outcome).toEqual({ kind: 'duplicate', surveyId: SURVEY_ID });
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 1);
    expect(sfn).toReceiveCommandWith(StartExecutionCommand, {
      stateMachineArn: STATE_MACHINE_ARN,
      name: SURVEY_ID,
    });
  });

  it('makes good a lost start when a repeated resolution finds no execution yet', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:execution' });

    // Act
    const outcome = await ingestTicketEvent(deps, 'generic', 'msg-2', event());

    // Assess
    expect(outcome).toEqual({ kind: 'duplicate', surveyId: SURVEY_ID });
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 1);
  });

  it('propagates a transaction cancelled for another reason, starting nothing', async () => {
    // Prepare: throttled on every attempt (retried without a wait here)
    vi.spyOn(Math, 'random').mockReturnValue(0);
    ddb.on(TransactWriteCommand).rejects(cancelled('None', 'ThrottlingError'));

    // Act
    const act = ingestTicketEvent(deps, 'generic', 'msg-1', event());

    // Assess
    await expect(act).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 6); // throttling is retried, then given up
    expect(sfn).not.toReceiveCommand(StartExecutionCommand);
  });

  it('propagates a failed start other than ExecutionAlreadyExists', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    sfn.on(StartExecutionCommand).rejects(new InvalidArn({ message: 'bad', $metadata: {} }));

    // Act
    const act = ingestTicketEvent(deps, 'generic', 'msg-1', event());

    // Assess
    await expect(act).rejects.toBeInstanceOf(InvalidArn);
  });

  it('treats a closed event like a resolved one when the ticket has no survey in this cycle', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(GetCommand).resolves({});
    sfn.on(StartExecutionCommand).resolves({});

    // Act
    const outcome = await ingestTicketEvent(
      deps,
      'generic',
      'msg-3',
      event({ eventType: 'ticket.closed' })
    );

    // Assess
    expect(outcome).toEqual({ kind: 'scheduled', surveyId: SURVEY_ID });
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 1);
  });

  it('takes a close after a surveyed resolution as the same resolution (Naumen resolved → closed)', async () => {
    // Prepare: the resolution was surveyed; the close carries its own, later time.
    ddb.on(TransactWriteCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [storedSurvey('d'.repeat(32), 'sent')] });
    ddb.on(GetCommand).resolves({});

    // Act
    const outcome = await ingestTicketEvent(
      deps,
      'generic',
      'msg-4',
      event({ eventType: 'ticket.closed', resolvedAt: '2024-03-02T10:00:00Z' })
    );

    // Assess
    expect(outcome).toEqual({ kind: 'duplicate', surveyId: 'd'.repeat(32) });
    expect(sfn).not.toReceiveCommand(StartExecutionCommand);
  });

  it('surveys a close again after the ticket was reopened', async () => {
    // Prepare: the last survey predates the reopening.
    ddb.on(TransactWriteCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [storedSurvey('d'.repeat(32), 'cancelled')] });
    ddb.on(GetCommand).resolves({ Item: { reopenedAt: '2024-03-02T00:00:00.000Z' } });
    sfn.on(StartExecutionCommand).resolves({});

    // Act
    const outcome = await ingestTicketEvent(
      deps,
      'generic',
      'msg-5',
      event({ eventType: 'ticket.closed', resolvedAt: '2024-03-02T10:00:00Z' })
    );

    // Assess
    expect(outcome.kind).toBe('scheduled');
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 1);
  });

  describe('a reopened ticket', () => {
    const reopened = () => event({ eventType: 'ticket.reopened', resolvedAt: undefined });
    const WAITING = 'a'.repeat(32);
    const SCHEDULED = 'b'.repeat(32);
    const RATED = 'c'.repeat(32);

    it('records the delivery alone and cancels every pending survey found on gsi1', async () => {
      // Prepare
      ddb.on(TransactWriteCommand).resolves({});
      ddb.on(QueryCommand).resolves({
        Items: [
          storedSurvey(WAITING, 'sent'),
          storedSurvey(SCHEDULED, 'scheduled'),
          storedSurvey(RATED, 'rated'),
        ],
      });
      ddb
        .on(UpdateCommand, { Key: surveyKey(WAITING) })
        .resolves({ Attributes: { ...storedSurvey(WAITING, 'sent'), taskToken: 'task-token-1' } })
        .on(UpdateCommand, { Key: surveyKey(SCHEDULED) })
        .resolves({ Attributes: storedSurvey(SCHEDULED, 'scheduled') });
      sfn.on(SendTaskFailureCommand).resolves({});

      // Act
      const outcome = await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(outcome).toEqual({ kind: 'cancelled', surveyIds: [WAITING, SCHEDULED] });
      expect(ddb).toReceiveCommandWith(TransactWriteCommand, {
        TransactItems: [
          { Put: expect.objectContaining({ TableName: TABLE, Item: deliveryItem('msg-9') }) },
        ],
      });
      const partition = ticketSurveysPartition('T-1001');
      expect(ddb).toReceiveCommandWith(QueryCommand, {
        TableName: TABLE,
        IndexName: partition.index.indexName,
      });
      const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
      expect(readable(query?.KeyConditionExpression, query ?? {})).toBe(
        `${partition.index.pk} = "${partition.value}" AND begins_with(${partition.index.sk}, "${ticketSourcePrefix('generic')}")`
      );
      // The reopening is noted, so a later close is a new resolution.
      expect(ddb).toReceiveCommandWith(PutCommand, {
        Item: { ...ticketStateKey('generic', 'T-1001'), reopenedAt: NOW.toISOString() },
      });
      expect(sfn).not.toReceiveCommand(StartExecutionCommand);
    });

    it('cancels with a conditional update that keeps a finished survey as it is', async () => {
      // Prepare
      ddb.on(TransactWriteCommand).resolves({});
      ddb.on(QueryCommand).resolves({ Items: [storedSurvey(SCHEDULED, 'scheduled')] });
      ddb.on(UpdateCommand).resolves({ Attributes: storedSurvey(SCHEDULED, 'scheduled') });

      // Act
      await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(ddb).toReceiveCommandTimes(UpdateCommand, 1);
      expect(ddb).toReceiveCommandWith(UpdateCommand, {
        TableName: TABLE,
        Key: surveyKey(SCHEDULED),
        ReturnValues: 'ALL_OLD',
      });
      expect(decodeUpdate(ddb.commandCalls(UpdateCommand)[0]?.args[0].input)).toEqual({
        set: {
          status: 'cancelled',
          statusReason: 'reopened',
          updatedAt: NOW.toISOString(),
          ...surveyStatusEntry(SCHEDULED, 'cancelled', NOW.toISOString()),
        },
        setIfAbsent: {},
        add: {},
        remove: ['taskToken'],
        condition: 'status IN ("scheduled", "sending", "sent", "reminded")',
      });
      expect(sentUpdates(ddb)).toHaveLength(1);
      expect(sfn).not.toReceiveCommand(SendTaskFailureCommand);
    });

    it('fails the waiting task of a cancelled survey with SurveyCancelled', async () => {
      // Prepare
      ddb.on(TransactWriteCommand).resolves({});
      ddb.on(QueryCommand).resolves({ Items: [storedSurvey(WAITING, 'reminded')] });
      ddb.on(UpdateCommand).resolves({
        Attributes: { ...storedSurvey(WAITING, 'reminded'), taskToken: 'task-token-1' },
      });
      sfn.on(SendTaskFailureCommand).resolves({});

      // Act
      await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(sfn).toReceiveCommandTimes(SendTaskFailureCommand, 1);
      expect(sfn).toReceiveCommandWith(SendTaskFailureCommand, {
        taskToken: 'task-token-1',
        error: 'SurveyCancelled',
      });
    });

    it('ignores a waiting task that has already ended', async () => {
      // Prepare
      ddb.on(TransactWriteCommand).resolves({});
      ddb.on(QueryCommand).resolves({ Items: [storedSurvey(WAITING, 'sent')] });
      ddb.on(UpdateCommand).resolves({
        Attributes: { ...storedSurvey(WAITING, 'sent'), taskToken: 'task-token-1' },
      });
      sfn
        .on(SendTaskFailureCommand)
        .rejects(new TaskTimedOut({ message: 'timed out', $metadata: {} }));

      // Act
      const outcome = await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(outcome).toEqual({ kind: 'cancelled', surveyIds: [WAITING] });
    });

    it('does not cancel a survey that is already rated', async () => {
      // Prepare
      ddb.on(TransactWriteCommand).resolves({});
      ddb.on(QueryCommand).resolves({ Items: [storedSurvey(RATED, 'rated')] });

      // Act
      const outcome = await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(outcome).toEqual({ kind: 'cancelled', surveyIds: [] });
      expect(ddb).not.toReceiveCommand(UpdateCommand);
      expect(sfn).not.toReceiveCommand(SendTaskFailureCommand);
    });

    it('does not count a survey rated between the query and the update', async () => {
      // Prepare
      ddb.on(TransactWriteCommand).resolves({});
      ddb.on(QueryCommand).resolves({
        Items: [storedSurvey(WAITING, 'sent'), storedSurvey(SCHEDULED, 'scheduled')],
      });
      ddb
        .on(UpdateCommand, { Key: surveyKey(WAITING) })
        .rejects(conditionFailed())
        .on(UpdateCommand, { Key: surveyKey(SCHEDULED) })
        .resolves({ Attributes: storedSurvey(SCHEDULED, 'scheduled') });

      // Act
      const outcome = await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(outcome).toEqual({ kind: 'cancelled', surveyIds: [SCHEDULED] });
      expect(sfn).not.toReceiveCommand(SendTaskFailureCommand);
    });

    it('answers a repeated reopen delivery as a duplicate without touching surveys', async () => {
      // Prepare
      ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed'));

      // Act
      const outcome = await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(outcome).toEqual({ kind: 'duplicate' });
      expect(ddb).not.toReceiveCommand(QueryCommand);
      expect(ddb).not.toReceiveCommand(UpdateCommand);
    });

    it('returns no surveys when the ticket has none', async () => {
      // Prepare
      ddb.on(TransactWriteCommand).resolves({});
      ddb.on(QueryCommand).resolves({});

      // Act
      const outcome = await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(outcome).toEqual({ kind: 'cancelled', surveyIds: [] });
    });
  });
});
