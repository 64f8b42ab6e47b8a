import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { QueryCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_BUDGET,
  reconcileWorkflows,
  type PassBudget,
  type ReconcileDeps,
} from '#functions/platform/reconcile/reconcile-workflows.service.ts';
import {
  followUpKey,
  followUpWorkListPartition,
  shardOf,
  SURVEY_STATUS_SHARDS,
  surveyKey,
  surveyStatusPartitions,
} from '#shared/data/keys.ts';
import { parseCsiSettings } from '#shared/settings/csi-settings.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { testDeps } from '#test/helpers/ddb-fixtures.ts';
import { decodeUpdate, partitionOf, readable } from '#test/helpers/sent-commands.ts';

const { ddb, sfn } = mockAws();

const NOW = new Date('2026-11-27T12:00:00Z');
const DAY = 86_400_000;
const CSI = 'arn:aws:states:eu-central-1:1:stateMachine:otklik-dev-csi-survey';
const FOLLOW_UP = 'arn:aws:states:eu-central-1:1:stateMachine:otklik-dev-follow-up-case';
const deps: ReconcileDeps = {
  ...testDeps({ now: NOW, tableName: 'otklik-dev' }),
  csiStateMachineArn: CSI,
  followUpStateMachineArn: FOLLOW_UP,
  // The defaults: reminder 3 days after the mail, close 4 days after the reminder.
  settings: parseCsiSettings(undefined),
  graceSeconds: 120,
};
const budget: PassBudget = { ...DEFAULT_BUDGET, outOfTime: () => false };
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const executionArn = (name: string, machine = CSI) =>
  `${machine.replace(':stateMachine:', ':execution:')}:${name}`;

/** A survey's entry on its status work list: its keys and what the index includes. */
const entry = (surveyId: string, status: string, fields: Record<string, unknown> = {}) => ({
  ...surveyKey(surveyId),
  surveyId,
  status,
  ...fields,
});

const followUp = (followUpId: string, overrides: Record<string, unknown> = {}) => ({
  ...followUpKey(followUpId),
  followUpId,
  surveyId: followUpId,
  ticketId: 'T-1',
  ticketNumber: 'T-1',
  requesterEmail: 'a@example.com',
  locale: 'ru',
  score: 2,
  comment: '',
  reasons: [],
  owner: { email: 'o@example.com', name: 'O' },
  escalation: { email: 'e@example.com', name: 'E' },
  status: 'open',
  openedAt: '2026-11-27T09:00:00.000Z',
  updatedAt: '2026-11-27T09:00:00.000Z',
  dueAt: '2026-11-29T09:00:00.000Z',
  ownerNotifiedAt: '2026-11-27T09:00:01.000Z',
  aggregateDay: '2026-11-27',
  aggregateDimension: '-#-',
  ...overrides,
});

/** What each work-list partition holds in a test; every other partition is empty. */
const partitions = new Map<unknown, Record<string, unknown>[]>();
const givenIndex = (partition: string, items: Record<string, unknown>[]) => {
  partitions.set(partition, [...(partitions.get(partition) ?? []), ...items]);
  ddb.on(QueryCommand).callsFake((input: QueryCommandInput) => ({
    Items: partitions.get(partitionOf(input)) ?? [],
  }));
};
/** The partition of the survey status work list that holds this survey. */
const statusShardOf = (surveyId: string, status: string) =>
  surveyStatusPartitions(status)[shardOf(surveyId, SURVEY_STATUS_SHARDS)]?.value ?? '';
const givenSurvey = (item: ReturnType<typeof entry>) => {
  givenIndex(statusShardOf(item.surveyId, item.status), [item]);
};
const noExecutions = () => {
  sfn
    .on(DescribeExecutionCommand)
    .rejects(new ExecutionDoesNotExist({ message: 'gone', $metadata: {} }));
  sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn' });
};
const started = () =>
  sfn.commandCalls(StartExecutionCommand).map((call) => ({
    name: call.args[0].input.name,
    input: JSON.parse(call.args[0].input.input ?? '{}') as unknown,
  }));

afterEach(() => {
  partitions.clear();
});

describe('Service: reconcileWorkflows (surveys)', () => {
  it('starts a scheduled survey past its send time, under its id, with the full windows', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [] });
    givenSurvey(entry('a'.repeat(32), 'scheduled', { sendAt: ago(10 * 60_000) }));
    // Its scheduled start is due within the grace: left to the scheduler.
    givenSurvey(entry('b'.repeat(32), 'scheduled', { sendAt: ago(60_000) }));
    noExecutions();

    // Act
    const result = await reconcileWorkflows(deps, budget);

    // Assess
    expect(result).toMatchObject({ restarted: { surveys: 1, followUps: 0 }, complete: true });
    expect(started()).toEqual([
      {
        name: 'a'.repeat(32),
        input: {
          surveyId: 'a'.repeat(32),
          waits: { untilReminderSeconds: 3 * 86400, untilCloseSeconds: 4 * 86400 },
        },
      },
    ]);
  });

  it('resumes a mailed survey with its remaining waits, and one past closesAt with 1 s waits', async () => {
    // Prepare: mailed 4 days ago (the reminder is a day late), and one whose window is over.
    const sentAt = ago(4 * DAY);
    const closesAt = new Date(NOW.getTime() + 3 * DAY).toISOString();
    ddb.on(QueryCommand).resolves({ Items: [] });
    givenSurvey(entry('c'.repeat(32), 'sent', { sentAt, closesAt }));
    givenSurvey(
      entry('d'.repeat(32), 'reminded', { sentAt: ago(9 * DAY), closesAt: ago(2 * DAY) })
    );
    sfn.on(DescribeExecutionCommand).resolves({ status: 'FAILED' });
    sfn.on(StartExecutionCommand).resolves({});

    // Act
    const result = await reconcileWorkflows(deps, budget);

    // Assess: the reminder at once, then the rest of the window; no reminder past closesAt.
    expect(result.restarted.surveys).toBe(2);
    expect(started()).toEqual([
      {
        name: `${'c'.repeat(32)}-resume-sent`,
        input: {
          surveyId: 'c'.repeat(32),
          waits: { untilReminderSeconds: 1, untilCloseSeconds: 3 * 86400 },
        },
      },
      {
        name: `${'d'.repeat(32)}-resume-reminded`,
        input: {
          surveyId: 'd'.repeat(32),
          waits: { untilReminderSeconds: 1, untilCloseSeconds: 1 },
        },
      },
    ]);
  });

  it('leaves a survey whose workflow runs alone, and starts a taken resume name once', async () => {
    // Prepare: e runs; f's resume (from an earlier pass) runs; g's resume ran and ended.
    ddb.on(QueryCommand).resolves({ Items: [] });
    const sent = { sentAt: ago(4 * DAY), closesAt: ago(-3 * DAY) };
    for (const id of ['e', 'f', 'g']) givenSurvey(entry(id.repeat(32), 'sent', sent));
    const taken = new ExecutionAlreadyExists({ message: 'taken', $metadata: {} });
    sfn
      .on(DescribeExecutionCommand)
      .resolves({ status: 'SUCCEEDED' })
      .on(DescribeExecutionCommand, { executionArn: executionArn('e'.repeat(32)) })
      .resolves({ status: 'RUNNING' })
      .on(DescribeExecutionCommand, { executionArn: executionArn(`${'f'.repeat(32)}-resume-sent`) })
      .resolves({ status: 'RUNNING' });
    sfn
      .on(StartExecutionCommand)
      .resolves({})
      .on(StartExecutionCommand, { name: `${'f'.repeat(32)}-resume-sent` })
      .rejects(taken)
      .on(StartExecutionCommand, { name: `${'g'.repeat(32)}-resume-sent` })
      .rejects(taken);

    // Act
    const result = await reconcileWorkflows(deps, budget);

    // Assess
    expect(result.restarted.surveys).toBe(1);
    expect(started().map((s) => s.name)).toEqual([
      `${'f'.repeat(32)}-resume-sent`,
      `${'g'.repeat(32)}-resume-sent`,
      `${'g'.repeat(32)}-resume-sent-${NOW.getTime()}`,
    ]);
  });

  it('reads each pending list only up to its expected time, a page at a time, and failures of the survey lifetime', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [] });

    // Act
    await reconcileWorkflows(deps, budget);

    // Assess
    const grace = 120_000;
    const bounds: Record<string, string> = {
      scheduled: `< "${ago(grace)}"`,
      sending: `< "${ago(grace)}"`,
      sent: `< "${ago(grace + 3 * DAY)}"`,
      reminded: `< "${ago(grace + 4 * DAY)}"`,
      failed: `BETWEEN "${ago(7 * DAY)}" AND "${ago(grace)}"`,
    };
    const queries = ddb
      .commandCalls(QueryCommand)
      .map((call) => call.args[0].input)
      .filter((input) => String(partitionOf(input)).startsWith('SURVEYSTATUS#'));
    expect(queries).toHaveLength(5 * 8);
    for (const query of queries) {
      const [, status = ''] = String(partitionOf(query)).split('#');
      expect(query).toMatchObject({ IndexName: 'gsi2', Limit: 200 });
      expect(readable(query.KeyConditionExpression, query)).toBe(
        `gsi2pk = "${String(partitionOf(query))}" AND gsi2sk ${bounds[status] ?? '?'}`
      );
    }
  });

  it('puts a survey failed for a transient reason back to its status and gives it a workflow, a few times at most', async () => {
    // Prepare: h mailed then failed on the reminder's SES 503s; i never mailed; j rejected
    // for good; k retried three times already.
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(UpdateCommand).resolves({});
    const sentAt = ago(4 * DAY);
    const closesAt = ago(-3 * DAY);
    givenSurvey(
      entry('h'.repeat(32), 'failed', { statusReason: 'EmailUnavailableError', sentAt, closesAt })
    );
    givenSurvey(entry('i'.repeat(32), 'failed', { statusReason: 'TimeoutError' }));
    givenSurvey(entry('j'.repeat(32), 'failed', { statusReason: 'EmailRejectedError' }));
    givenSurvey(
      entry('k'.repeat(32), 'failed', { statusReason: 'States.Timeout', reconcileRetries: 3 })
    );
    sfn.on(DescribeExecutionCommand).resolves({ status: 'FAILED' });
    sfn.on(StartExecutionCommand).resolves({});

    // Act
    const result = await reconcileWorkflows(deps, budget);

    // Assess
    expect(result).toMatchObject({ retried: 2, restarted: { surveys: 2 } });
    const updates = ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    const moves = Object.fromEntries(
      updates.map((u) => [String(u.Key?.pk), decodeUpdate(u)] as const)
    );
    expect(moves[`SURVEY#${'h'.repeat(32)}`]).toMatchObject({
      set: { status: 'sent', reconcileRetries: 1, updatedAt: NOW.toISOString() },
      condition: 'status = "failed"',
    });
    expect(moves[`SURVEY#${'i'.repeat(32)}`]?.set).toMatchObject({
      status: 'scheduled',
      reconcileRetries: 1,
    });
    expect(updates).toHaveLength(2);
    expect(started()).toEqual([
      {
        name: `${'h'.repeat(32)}-retry-1`,
        input: {
          surveyId: 'h'.repeat(32),
          waits: { untilReminderSeconds: 1, untilCloseSeconds: 3 * 86400 },
        },
      },
      {
        name: `${'i'.repeat(32)}-retry-1`,
        input: {
          surveyId: 'i'.repeat(32),
          waits: { untilReminderSeconds: 3 * 86400, untilCloseSeconds: 4 * 86400 },
        },
      },
    ]);
  });

  it('at start-up resumes every pending survey, whatever its expected time, with no grace', async () => {
    // Prepare: mailed a minute ago; its reminder is three days away.
    ddb.on(QueryCommand).resolves({ Items: [] });
    givenSurvey(
      entry('l'.repeat(32), 'sent', { sentAt: ago(60_000), closesAt: ago(60_000 - 7 * DAY) })
    );
    noExecutions();

    // Act
    const result = await reconcileWorkflows(
      { ...deps, graceSeconds: 0 },
      { ...budget, scope: 'start-up' }
    );

    // Assess
    expect(result.restarted.surveys).toBe(1);
    expect(started()[0]?.input).toEqual({
      surveyId: 'l'.repeat(32),
      waits: { untilReminderSeconds: 3 * 86400 - 60, untilCloseSeconds: 4 * 86400 },
    });
    const sent = ddb
      .commandCalls(QueryCommand)
      .map((call) => call.args[0].input)
      .find((input) => partitionOf(input) === statusShardOf('l'.repeat(32), 'sent'));
    expect(readable(sent?.KeyConditionExpression, sent ?? {})).toContain(
      `< "${NOW.toISOString()}"`
    );
  });

  it('goes on past a survey whose restart fails, counting it', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [] });
    givenSurvey(entry('m'.repeat(32), 'sending'));
    givenSurvey(entry('n'.repeat(32), 'sending'));
    noExecutions();
    sfn
      .on(StartExecutionCommand, { name: 'm'.repeat(32) })
      .rejects(new Error('ThrottlingException'));

    // Act
    const result = await reconcileWorkflows(deps, budget);

    // Assess
    expect(result).toMatchObject({ errors: 1, restarted: { surveys: 1 }, complete: true });
  });
});

describe('Service: reconcileWorkflows (cases)', () => {
  it('resumes an open case at its wait once its owner was told, before the notification while not, and a resolved case whose closing mail is due', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [] });
    givenIndex(followUpWorkListPartition('open').value, [
      followUp('d'.repeat(32)),
      followUp('c'.repeat(32), { ownerNotifiedAt: undefined }),
    ]);
    givenIndex(followUpWorkListPartition('resolved').value, [
      followUp('e'.repeat(32), { status: 'resolved', notifyRequester: true }),
      followUp('f'.repeat(32), {
        status: 'resolved',
        notifyRequester: true,
        closingEmailSentAt: '2026-11-27T11:00:00.000Z',
      }),
      followUp('0'.repeat(32), { status: 'resolved', notifyRequester: false }),
    ]);
    noExecutions();
    sfn
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'raced', $metadata: {} }));

    // Act
    const result = await reconcileWorkflows(deps, budget);

    // Assess
    expect(result.restarted.followUps).toBe(3);
    // Resolved cases only of the last two days (their work list sorts by resolution time).
    const resolved = followUpWorkListPartition('resolved');
    const query = ddb
      .commandCalls(QueryCommand)
      .map((call) => call.args[0].input)
      .find((input) => partitionOf(input) === resolved.value);
    expect(readable(query?.KeyConditionExpression, query ?? {})).toBe(
      `${resolved.index.pk} = "${resolved.value}" AND ${resolved.index.sk} BETWEEN "2026-11-25T12:00:00.000Z" AND "2026-11-27T11:58:00.000Z"`
    );
    const resumes = Object.fromEntries(
      started().map((s) => [s.name, (s.input as { resume: boolean }).resume])
    );
    expect(resumes).toEqual({
      ['d'.repeat(32)]: true,
      ['c'.repeat(32)]: false,
      ['e'.repeat(32)]: true,
    });
    for (const call of sfn.commandCalls(StartExecutionCommand)) {
      expect(call.args[0].input.stateMachineArn).toBe(FOLLOW_UP);
      expect(JSON.parse(call.args[0].input.input ?? '{}')).toMatchObject({
        timers: { slaSeconds: 172800 },
      });
    }
  });
});
