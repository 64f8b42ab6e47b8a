import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ExecutionAlreadyExists,
  InvalidArn,
  SendTaskSuccessCommand,
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
import { eventBridgeSchedulerPort } from '#shared/workflow/scheduled-start-port.ts';
import {
  deliveryKey,
  signedContentKey,
  surveyKey,
  surveyStatusEntry,
  ticketSourcePrefix,
  ticketStateKey,
  ticketSurveysEntry,
  ticketSurveysPartition,
} from '#shared/data/keys.ts';
import type { SurveyStatus } from '#shared/data/survey.ts';
import { logger } from '#shared/powertools.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { testDeps } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed, tableThrottled } from '#test/helpers/sdk-errors.ts';
import {
  decodeUpdate,
  expectNewItemOnly,
  readable,
  sentUpdates,
} from '#test/helpers/sent-commands.ts';

const { ddb, sfn } = mockAws();
const scheduler = mockClient(SchedulerClient);
const SCHEDULER_ROLE_ARN = 'arn:aws:iam::123456789012:role/otklik-test-scheduler';

const TABLE = 'otklik-test';
const STATE_MACHINE_ARN = 'arn:aws:states:eu-central-1:123456789012:stateMachine:csi-survey';
const NOW = new Date('2024-03-01T10:00:00.000Z');
const NOW_EPOCH = Math.floor(NOW.getTime() / 1000);

const deps: IngestDeps = {
  ...testDeps({ now: NOW }),
  scheduler: eventBridgeSchedulerPort(new SchedulerClient({ region: 'eu-central-1' }), {
    groupName: 'otklik-test',
    roleArn: SCHEDULER_ROLE_ARN,
  }),
  csiStateMachineArn: STATE_MACHINE_ARN,
  // Every ticket's unit is the registered bu-fin (unit resolution has tests of its own).
  resolveUnit: () => Promise.resolve({ kind: 'registered', unitId: 'bu-fin' }),
  // No send delay: the workflow starts at once (the delay's schedule: "a send delay" below).
  settings: csiSettingsSchema.parse({ sendDelay: 'PT0S' }),
};
/** The default settings: a 10-minute send delay. */
const delayed: IngestDeps = { ...deps, settings: csiSettingsSchema.parse({}) };

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

/** A conditional put refused because the item exists, handing it back (ALL_OLD, wire format). */
const exists = (item: Record<string, unknown>) =>
  Object.assign(conditionFailed(), { Item: marshall(item) });

const DELIVERY_PUT = { Item: { pk: 'DELIVERY#generic#msg-1' } };
const SURVEY_PUT = { Item: { sk: 'SURVEY' } };

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

/** The delivery item of a webhook delivery, as written (with its survey, for a resolution). */
const deliveryItem = (deliveryId: string, surveyId?: string) => ({
  ...deliveryKey('generic', deliveryId),
  receivedAt: NOW.toISOString(),
  ...(surveyId === undefined ? {} : { surveyId }),
  expiresAt: NOW_EPOCH + 7 * 86400,
});

/** The PutItem requests sent, in order. */
const puts = () => ddb.commandCalls(PutCommand).map((call) => call.args[0].input);
const surveyPut = () => puts().find((input) => input.Item?.sk === 'SURVEY');

const startInputs = () =>
  sfn.commandCalls(StartExecutionCommand).map((call) => ({
    name: call.args[0].input.name,
    input: JSON.parse(call.args[0].input.input ?? 'null'),
  }));

afterEach(() => {
  vi.restoreAllMocks();
  scheduler.reset();
});

/** The full windows of the default settings: a fresh survey's waits. */
const FRESH_WAITS = { untilReminderSeconds: 3 * 86400, untilCloseSeconds: 4 * 86400 };

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
  it('writes the delivery (with its survey) and then the survey, each only once and no transaction', async () => {
    // Prepare
    ddb.on(PutCommand).resolves({});
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:execution' });

    // Act
    const outcome = await ingestTicketEvent(deps, 'generic', 'msg-1', event());

    // Assess
    expect(outcome).toEqual({ kind: 'scheduled', surveyId: SURVEY_ID });
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
    const [delivery, survey, ...more] = puts();
    expect(more).toEqual([]);
    for (const put of [delivery, survey]) expectNewItemOnly(put);
    expect(delivery).toMatchObject({ TableName: TABLE, Item: deliveryItem('msg-1', SURVEY_ID) });
    expect(survey).toEqual(
      expect.objectContaining({
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
      })
    );
  });

  it('starts the workflow at once, named after the survey, with no send delay', async () => {
    // Prepare: resolved 09:00, no send delay, now 10:00
    ddb.on(PutCommand).resolves({});
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
      { name: SURVEY_ID, input: { surveyId: SURVEY_ID, waits: FRESH_WAITS } },
    ]);
    expect(scheduler).not.toReceiveCommand(CreateScheduleCommand);
    expect(surveyPut()?.Item?.sendAt).toBe(NOW.toISOString());
  });

  it('keeps unknown SLA and reopen values null on the survey', async () => {
    // Prepare
    ddb.on(PutCommand).resolves({});
    sfn.on(StartExecutionCommand).resolves({});

    // Act
    await ingestTicketEvent(deps, 'generic', 'msg-1', event());

    // Assess
    const survey = surveyPut()?.Item;
    expect(survey?.slaBreached).toBeNull();
    expect(survey?.reopenCount).toBeNull();
    expect(survey?.slaDueAt).toBeNull();
  });

  it('stores a resolution given with an offset in UTC, under the same survey id', async () => {
    // Prepare
    ddb.on(PutCommand).resolves({});
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

  it('answers a delivery id seen for something else as a duplicate, writing and starting nothing', async () => {
    // Prepare: the id was a reopening's (no survey), or another resolution's
    ddb.on(PutCommand, DELIVERY_PUT).rejects(exists(deliveryItem('msg-1')));

    // Act
    const outcome = await ingestTicketEvent(deps, 'generic', 'msg-1', event());

    // Assess
    expect(outcome).toEqual({ kind: 'duplicate', surveyId: SURVEY_ID });
    expect(surveyPut()).toBeUndefined();
    expect(sfn).not.toReceiveCommand(StartExecutionCommand);
  });

  it('goes on with a retried delivery of the same survey: writes the survey a lost first try left out', async () => {
    // Prepare: the first try recorded the delivery and stopped before the survey
    ddb.on(PutCommand, DELIVERY_PUT).rejects(exists(deliveryItem('msg-1', SURVEY_ID)));
    ddb.on(PutCommand, SURVEY_PUT).resolves({});
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:execution' });

    // Act
    const outcome = await ingestTicketEvent(deps, 'generic', 'msg-1', event());

    // Assess
    expect(outcome).toEqual({ kind: 'scheduled', surveyId: SURVEY_ID });
    expectNewItemOnly(surveyPut());
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 1);
  });

  it('answers a repeated resolution as a duplicate and starts its workflow again', async () => {
    // Prepare
    ddb.on(PutCommand, DELIVERY_PUT).resolves({});
    ddb.on(PutCommand, SURVEY_PUT).rejects(conditionFailed());
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
    // Prepare: the same delivery again, its survey written
    ddb.on(PutCommand, DELIVERY_PUT).rejects(exists(deliveryItem('msg-1', SURVEY_ID)));
    ddb.on(PutCommand, SURVEY_PUT).rejects(conditionFailed());
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:execution' });

    // Act
    const outcome = await ingestTicketEvent(deps, 'generic', 'msg-1', event());

    // Assess
    expect(outcome).toEqual({ kind: 'duplicate', surveyId: SURVEY_ID });
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 1);
  });

  it('propagates a write refused for another reason, starting nothing', async () => {
    // Prepare: the table refuses the survey for load (the SDK's own retries are spent)
    ddb.on(PutCommand, DELIVERY_PUT).resolves({});
    ddb.on(PutCommand, SURVEY_PUT).rejects(tableThrottled());

    // Act
    const act = ingestTicketEvent(deps, 'generic', 'msg-1', event());

    // Assess
    await expect(act).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
    expect(sfn).not.toReceiveCommand(StartExecutionCommand);
  });

  it('propagates a failed start other than ExecutionAlreadyExists', async () => {
    // Prepare
    ddb.on(PutCommand).resolves({});
    sfn.on(StartExecutionCommand).rejects(new InvalidArn({ message: 'bad', $metadata: {} }));

    // Act
    const act = ingestTicketEvent(deps, 'generic', 'msg-1', event());

    // Assess
    await expect(act).rejects.toBeInstanceOf(InvalidArn);
  });

  it('treats a closed event like a resolved one when the ticket has no survey in this cycle', async () => {
    // Prepare
    ddb.on(PutCommand).resolves({});
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
    ddb.on(PutCommand).resolves({});
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
    ddb.on(PutCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [storedSurvey('d'.repeat(32), 'cancelled')] });
    ddb.on(GetCommand).resolves({ Item: { reopenedAt: '2024-03-01T09:20:00.000Z' } });
    sfn.on(StartExecutionCommand).resolves({});

    // Act
    const outcome = await ingestTicketEvent(
      deps,
      'generic',
      'msg-5',
      event({ eventType: 'ticket.closed', resolvedAt: '2024-03-01T09:30:00Z' })
    );

    // Assess
    expect(outcome.kind).toBe('scheduled');
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 1);
  });

  describe('a send delay', () => {
    // Resolved 09:55 (12:55 Moscow), delivered at 10:00, send delay 10 min: due 10:10.
    const soon = () => event({ resolvedAt: '2024-03-01T12:55:00+03:00' });
    const SOON_ID = surveyIdFor('generic', 'T-1001', '2024-03-01T09:55:00.000Z');

    it('creates a one-time schedule that starts the execution at the send time', async () => {
      // Prepare
      ddb.on(PutCommand).resolves({});
      scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });

      // Act
      const outcome = await ingestTicketEvent(delayed, 'generic', 'msg-1', soon());

      // Assess
      expect(outcome).toEqual({ kind: 'scheduled', surveyId: SOON_ID });
      expect(sfn).not.toReceiveCommand(StartExecutionCommand);
      expect(surveyPut()?.Item?.sendAt).toBe('2024-03-01T10:10:00.000Z');
      expect(scheduler).toReceiveCommandTimes(CreateScheduleCommand, 1);
      const input = scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
      expect(input).toMatchObject({
        Name: `csi-${SOON_ID}`,
        GroupName: 'otklik-test',
        ScheduleExpression: 'at(2024-03-01T10:10:00)',
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: 'arn:aws:scheduler:::aws-sdk:sfn:startExecution',
          RoleArn: SCHEDULER_ROLE_ARN,
        },
      });
      expect(input?.Name?.length).toBeLessThanOrEqual(64);
      expect(input?.Name).toMatch(/^[0-9a-zA-Z._-]+$/);
      // The target is StartExecution's request: the execution named after the survey.
      expect(JSON.parse(input?.Target?.Input ?? 'null')).toEqual({
        StateMachineArn: STATE_MACHINE_ARN,
        Name: SOON_ID,
        Input: JSON.stringify({ surveyId: SOON_ID, waits: FRESH_WAITS }),
      });
    });

    it('takes a schedule that exists already (a repeat) as made', async () => {
      // Prepare: the survey exists; so does its schedule.
      ddb.on(PutCommand, { Item: { sk: 'DELIVERY' } }).resolves({});
      ddb.on(PutCommand, SURVEY_PUT).rejects(conditionFailed());
      scheduler
        .on(CreateScheduleCommand)
        .rejects(new ConflictException({ Message: 'exists', message: 'exists', $metadata: {} }));

      // Act
      const outcome = await ingestTicketEvent(delayed, 'generic', 'msg-2', soon());

      // Assess
      expect(outcome).toEqual({ kind: 'duplicate', surveyId: SOON_ID });
      expect(scheduler).toReceiveCommandTimes(CreateScheduleCommand, 1);
      expect(sfn).not.toReceiveCommand(StartExecutionCommand);
    });

    it('gives a late delivery the whole send delay from its receipt', async () => {
      // Prepare: resolved 09:00, delivered an hour late at 10:00: due 10:10, not at once, so
      // a reopening that follows the late resolution still stops the mail.
      ddb.on(PutCommand).resolves({});
      scheduler.on(CreateScheduleCommand).resolves({});

      // Act
      await ingestTicketEvent(delayed, 'generic', 'msg-1', event());

      // Assess
      expect(scheduler).toReceiveCommandWith(CreateScheduleCommand, {
        ScheduleExpression: 'at(2024-03-01T10:10:00)',
      });
      expect(sfn).not.toReceiveCommand(StartExecutionCommand);
      expect(surveyPut()?.Item?.sendAt).toBe('2024-03-01T10:10:00.000Z');
    });

    it('schedules a short send delay (local and test settings) to keep half its window', async () => {
      // Prepare: a 4 s delay, resolved just now: due in 4 s, more than half of it ahead
      ddb.on(PutCommand).resolves({});
      scheduler.on(CreateScheduleCommand).resolves({});
      const short = { ...deps, settings: csiSettingsSchema.parse({ sendDelay: 'PT4S' }) };

      // Act
      await ingestTicketEvent(short, 'generic', 'msg-1', event({ resolvedAt: NOW.toISOString() }));

      // Assess
      expect(scheduler).toReceiveCommandWith(CreateScheduleCommand, {
        ScheduleExpression: 'at(2024-03-01T10:00:04)',
      });
      expect(sfn).not.toReceiveCommand(StartExecutionCommand);
    });

    it('starts at once with a zero send delay', async () => {
      // Prepare: resolved just now
      ddb.on(PutCommand).resolves({});
      sfn.on(StartExecutionCommand).resolves({});
      const noDelay = { ...deps, settings: csiSettingsSchema.parse({ sendDelay: 'PT0S' }) };

      // Act
      await ingestTicketEvent(
        noDelay,
        'generic',
        'msg-1',
        event({ resolvedAt: NOW.toISOString() })
      );

      // Assess
      expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 1);
      expect(scheduler).not.toReceiveCommand(CreateScheduleCommand);
      expect(surveyPut()?.Item?.sendAt).toBe(NOW.toISOString());
    });
  });

  describe('a replay under a new delivery id (issue 9, defect 5)', () => {
    const HASH = 'f'.repeat(64);

    it('records the signed content with the delivery id, each only once', async () => {
      // Prepare
      ddb.on(PutCommand).resolves({});
      sfn.on(StartExecutionCommand).resolves({});

      // Act
      await ingestTicketEvent(deps, 'generic', 'msg-1', event(), HASH);

      // Assess
      const [delivery, signed, survey] = puts();
      for (const put of [delivery, signed, survey]) expectNewItemOnly(put);
      expect(delivery?.Item).toEqual(deliveryItem('msg-1', SURVEY_ID));
      expect(signed?.Item).toEqual({
        ...signedContentKey('generic', HASH),
        receivedAt: NOW.toISOString(),
        surveyId: SURVEY_ID,
        expiresAt: NOW_EPOCH + 7 * 86400,
      });
      expect(survey?.Item?.surveyId).toBe(SURVEY_ID);
    });

    it('answers a reopening whose signed content was seen as a duplicate, cancelling nothing', async () => {
      // Prepare: a new delivery id, the same signed content
      ddb.on(PutCommand, { Item: { sk: 'DELIVERY' } }).resolves({});
      ddb
        .on(PutCommand, { Item: { sk: 'SIGNED' } })
        .rejects(exists({ ...signedContentKey('generic', HASH), receivedAt: 'earlier' }));

      // Act
      const outcome = await ingestTicketEvent(
        deps,
        'generic',
        'msg-new',
        event({ eventType: 'ticket.reopened', resolvedAt: undefined }),
        HASH
      );

      // Assess
      expect(outcome).toEqual({ kind: 'duplicate' });
      expect(ddb).not.toReceiveCommand(QueryCommand);
      expect(ddb).not.toReceiveCommand(UpdateCommand);
    });

    it('answers a resolution whose signed content was seen for something else as a duplicate', async () => {
      // Prepare: the content was a reopening's (no survey)
      ddb.on(PutCommand, { Item: { sk: 'DELIVERY' } }).resolves({});
      ddb
        .on(PutCommand, { Item: { sk: 'SIGNED' } })
        .rejects(exists({ ...signedContentKey('generic', HASH), receivedAt: 'earlier' }));

      // Act
      const outcome = await ingestTicketEvent(deps, 'generic', 'msg-new', event(), HASH);

      // Assess
      expect(outcome).toEqual({ kind: 'duplicate', surveyId: SURVEY_ID });
      expect(surveyPut()).toBeUndefined();
      expect(sfn).not.toReceiveCommand(StartExecutionCommand);
    });

    it('takes the same signed content of the same survey under a new id as a repeat and starts it', async () => {
      // Prepare: a replay of a resolution whose survey exists
      ddb.on(PutCommand, { Item: { sk: 'DELIVERY' } }).resolves({});
      ddb
        .on(PutCommand, { Item: { sk: 'SIGNED' } })
        .rejects(exists({ ...signedContentKey('generic', HASH), surveyId: SURVEY_ID }));
      ddb.on(PutCommand, SURVEY_PUT).rejects(conditionFailed());
      sfn.on(StartExecutionCommand).resolves({});

      // Act
      const outcome = await ingestTicketEvent(deps, 'generic', 'msg-new', event(), HASH);

      // Assess
      expect(outcome).toEqual({ kind: 'duplicate', surveyId: SURVEY_ID });
      expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 1);
    });
  });

  describe('a reopened ticket', () => {
    const reopened = () => event({ eventType: 'ticket.reopened', resolvedAt: undefined });
    const WAITING = 'a'.repeat(32);
    const SCHEDULED = 'b'.repeat(32);
    const RATED = 'c'.repeat(32);

    it('records the delivery alone and cancels every pending survey found on gsi1', async () => {
      // Prepare
      ddb.on(PutCommand).resolves({});
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
      sfn.on(SendTaskSuccessCommand).resolves({});

      // Act
      const outcome = await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(outcome).toEqual({ kind: 'cancelled', surveyIds: [WAITING, SCHEDULED] });
      expect(ddb).not.toReceiveCommand(TransactWriteCommand);
      expect(puts()[0]).toMatchObject({ TableName: TABLE, Item: deliveryItem('msg-9') });
      expectNewItemOnly(puts()[0]);
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
      ddb.on(PutCommand).resolves({});
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
        },
        setIfAbsent: {},
        add: {},
        // No work list of cancelled surveys is read: the survey leaves the index.
        remove: ['gsi2pk', 'gsi2sk', 'taskToken'],
        condition: 'status IN ("scheduled", "sending", "sent", "reminded")',
      });
      expect(sentUpdates(ddb)).toHaveLength(1);
      expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
    });

    it('releases the waiting task of a cancelled survey with its outcome', async () => {
      // Prepare
      ddb.on(PutCommand).resolves({});
      ddb.on(QueryCommand).resolves({ Items: [storedSurvey(WAITING, 'reminded')] });
      ddb.on(UpdateCommand).resolves({
        Attributes: { ...storedSurvey(WAITING, 'reminded'), taskToken: 'task-token-1' },
      });
      sfn.on(SendTaskSuccessCommand).resolves({});

      // Act
      await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(sfn).toReceiveCommandTimes(SendTaskSuccessCommand, 1);
      expect(sfn).toReceiveCommandWith(SendTaskSuccessCommand, {
        taskToken: 'task-token-1',
        output: JSON.stringify({ outcome: 'cancelled' }),
      });
    });

    it('ignores a waiting task that has already ended', async () => {
      // Prepare
      ddb.on(PutCommand).resolves({});
      ddb.on(QueryCommand).resolves({ Items: [storedSurvey(WAITING, 'sent')] });
      ddb.on(UpdateCommand).resolves({
        Attributes: { ...storedSurvey(WAITING, 'sent'), taskToken: 'task-token-1' },
      });
      sfn
        .on(SendTaskSuccessCommand)
        .rejects(new TaskTimedOut({ message: 'timed out', $metadata: {} }));

      // Act
      const outcome = await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(outcome).toEqual({ kind: 'cancelled', surveyIds: [WAITING] });
    });

    it('does not cancel a survey that is already rated', async () => {
      // Prepare
      ddb.on(PutCommand).resolves({});
      ddb.on(QueryCommand).resolves({ Items: [storedSurvey(RATED, 'rated')] });

      // Act
      const outcome = await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(outcome).toEqual({ kind: 'cancelled', surveyIds: [] });
      expect(ddb).not.toReceiveCommand(UpdateCommand);
      expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
    });

    it('does not count a survey rated between the query and the update', async () => {
      // Prepare
      ddb.on(PutCommand).resolves({});
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
      expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
    });

    it('answers a repeated reopen delivery as a duplicate without touching surveys', async () => {
      // Prepare
      ddb.on(PutCommand).rejects(exists(deliveryItem('msg-9')));

      // Act
      const outcome = await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(outcome).toEqual({ kind: 'duplicate' });
      expect(ddb).not.toReceiveCommand(QueryCommand);
      expect(ddb).not.toReceiveCommand(UpdateCommand);
    });

    it('deletes the schedule of a survey not mailed yet', async () => {
      // Prepare
      ddb.on(PutCommand).resolves({});
      ddb.on(QueryCommand).resolves({
        Items: [storedSurvey(SCHEDULED, 'scheduled'), storedSurvey(WAITING, 'sent')],
      });
      ddb.on(UpdateCommand).resolves({ Attributes: {} });
      scheduler.on(DeleteScheduleCommand).resolves({});

      // Act
      await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess: only the scheduled one had a schedule left
      expect(scheduler).toReceiveCommandTimes(DeleteScheduleCommand, 1);
      expect(scheduler).toReceiveCommandWith(DeleteScheduleCommand, {
        Name: `csi-${SCHEDULED}`,
        GroupName: 'otklik-test',
      });
    });

    it('cancels the survey even when its schedule is gone or cannot be deleted', async () => {
      // Prepare
      ddb.on(PutCommand).resolves({});
      ddb.on(QueryCommand).resolves({
        Items: [storedSurvey(SCHEDULED, 'scheduled'), storedSurvey(WAITING, 'scheduled')],
      });
      ddb.on(UpdateCommand).resolves({ Attributes: {} });
      scheduler
        .on(DeleteScheduleCommand, { Name: `csi-${SCHEDULED}` })
        .rejects(new ResourceNotFoundException({ Message: 'gone', message: 'gone', $metadata: {} }))
        .on(DeleteScheduleCommand, { Name: `csi-${WAITING}` })
        .rejects(new Error('socket hang up'));

      // Act
      const outcome = await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(outcome).toEqual({ kind: 'cancelled', surveyIds: [SCHEDULED, WAITING] });
    });

    it('ignores a reopening older than the latest resolution, with the reason logged', async () => {
      // Prepare: resolved 09:00; the reopening happened at 08:30 (an earlier cycle's, replayed)
      ddb.on(PutCommand).resolves({});
      ddb.on(QueryCommand).resolves({ Items: [storedSurvey(SCHEDULED, 'scheduled')] });
      const warn = vi.spyOn(logger, 'warn');

      // Act
      const outcome = await ingestTicketEvent(
        deps,
        'generic',
        'msg-9',
        event({
          eventType: 'ticket.reopened',
          resolvedAt: undefined,
          occurredAt: '2024-03-01T08:30:00Z',
        })
      );

      // Assess
      expect(outcome).toEqual({
        kind: 'ignored',
        reason: 'reopening older than the latest resolution',
      });
      expect(ddb).not.toReceiveCommand(UpdateCommand);
      // The delivery only: no reopening noted on the ticket's state.
      expect(puts().map((input): unknown => input.Item?.sk)).toEqual(['DELIVERY']);
      expect(scheduler).not.toReceiveCommand(DeleteScheduleCommand);
      expect(warn).toHaveBeenCalledWith('reopen ignored', {
        reason: 'reopening older than the latest resolution',
        source: 'generic',
        surveyId: SCHEDULED,
        occurredAt: '2024-03-01T08:30:00.000Z',
        resolvedAt: RESOLVED_UTC,
      });
      expect(JSON.stringify(warn.mock.calls)).not.toContain('@');
    });

    it('cancels on a reopening that happened after the resolution', async () => {
      // Prepare
      ddb.on(PutCommand).resolves({});
      ddb.on(QueryCommand).resolves({ Items: [storedSurvey(SCHEDULED, 'scheduled')] });
      ddb.on(UpdateCommand).resolves({ Attributes: {} });
      scheduler.on(DeleteScheduleCommand).resolves({});

      // Act
      const outcome = await ingestTicketEvent(
        deps,
        'generic',
        'msg-9',
        event({
          eventType: 'ticket.reopened',
          resolvedAt: undefined,
          occurredAt: '2024-03-01T09:05:00Z',
        })
      );

      // Assess
      expect(outcome).toEqual({ kind: 'cancelled', surveyIds: [SCHEDULED] });
    });

    it('returns no surveys when the ticket has none', async () => {
      // Prepare
      ddb.on(PutCommand).resolves({});
      ddb.on(QueryCommand).resolves({});

      // Act
      const outcome = await ingestTicketEvent(deps, 'generic', 'msg-9', reopened());

      // Assess
      expect(outcome).toEqual({ kind: 'cancelled', surveyIds: [] });
    });
  });
});
