import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  reconcileWorkflows,
  type ReconcileDeps,
} from '#functions/platform/reconcile/reconcile-workflows.service.ts';
import {
  followUpWorkListPartition,
  shardOf,
  SURVEY_STATUS_SHARDS,
  surveyStatusPartitions,
} from '#shared/data/keys.ts';
import { parseCsiSettings } from '#shared/settings/csi-settings.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { testDeps } from '#test/helpers/ddb-fixtures.ts';
import { partitionOf, readable } from '#test/helpers/sent-commands.ts';

const { ddb, sfn } = mockAws();

const NOW = new Date('2026-11-27T12:00:00Z');
const CSI = 'arn:aws:states:eu-central-1:1:stateMachine:otklik-dev-csi-survey';
const FOLLOW_UP = 'arn:aws:states:eu-central-1:1:stateMachine:otklik-dev-follow-up-case';
const deps: ReconcileDeps = {
  ...testDeps({ now: NOW, tableName: 'otklik-dev' }),
  csiStateMachineArn: CSI,
  followUpStateMachineArn: FOLLOW_UP,
  settings: parseCsiSettings(undefined),
  graceSeconds: 120,
};

const survey = (surveyId: string, status: string) => ({
  surveyId,
  source: 'generic',
  ticketId: 'T-1',
  ticketNumber: 'T-1',
  requesterEmail: 'a@example.com',
  locale: 'ru',
  resolvedAt: '2026-11-27T10:00:00.000Z',
  status,
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
  aggregateDay: '2026-11-27',
  aggregateDimension: '-#-',
});

const followUp = (followUpId: string, overrides: Record<string, unknown> = {}) => ({
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
  aggregateDay: '2026-11-27',
  aggregateDimension: '-#-',
  ...overrides,
});

/** What each work-list partition holds in a test; every other partition is empty. */
const partitions = new Map<unknown, Record<string, unknown>[]>();
const givenIndex = (partition: string, items: Record<string, unknown>[]) => {
  partitions.set(partition, items);
  ddb.on(QueryCommand).callsFake((input: Parameters<typeof partitionOf>[0]) => ({
    Items: partitions.get(partitionOf(input)) ?? [],
  }));
};
/** The partition of the survey status work list that holds this survey. */
const statusShardOf = (surveyId: string, status: string) =>
  surveyStatusPartitions(status)[shardOf(surveyId, SURVEY_STATUS_SHARDS)]?.value ?? '';
afterEach(() => {
  partitions.clear();
});

describe('Service: reconcileWorkflows', () => {
  it('starts a workflow, under the survey id, for a pending survey whose workflow was forgotten', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [] });
    givenIndex(statusShardOf('a'.repeat(32), 'sent'), [survey('a'.repeat(32), 'sent')]);
    sfn
      .on(DescribeExecutionCommand)
      .rejects(new ExecutionDoesNotExist({ message: 'gone', $metadata: {} }));
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn' });

    // Act
    const result = await reconcileWorkflows(deps);

    // Assess
    expect(result.restarted).toEqual({ surveys: 1, followUps: 0 });
    expect(sfn).toReceiveCommandWith(StartExecutionCommand, {
      stateMachineArn: CSI,
      name: 'a'.repeat(32),
    });
    const input = JSON.parse(
      sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.input ?? '{}'
    );
    expect(input).toMatchObject({ surveyId: 'a'.repeat(32), timers: { sendDelaySeconds: 600 } });
  });

  it('leaves a survey whose workflow runs alone, and resumes one whose workflow ended under a new name', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    givenIndex(statusShardOf('b'.repeat(32), 'scheduled'), [survey('b'.repeat(32), 'scheduled')]);
    givenIndex(statusShardOf('c'.repeat(32), 'scheduled'), [survey('c'.repeat(32), 'scheduled')]);
    sfn
      .on(DescribeExecutionCommand, {
        executionArn: `${CSI.replace(':stateMachine:', ':execution:')}:${'b'.repeat(32)}`,
      })
      .resolves({ status: 'RUNNING' })
      .on(DescribeExecutionCommand, {
        executionArn: `${CSI.replace(':stateMachine:', ':execution:')}:${'c'.repeat(32)}`,
      })
      .resolves({ status: 'FAILED' });
    sfn.on(StartExecutionCommand).resolves({});

    const result = await reconcileWorkflows(deps);

    expect(result.restarted.surveys).toBe(1);
    expect(sfn).toReceiveCommandTimes(StartExecutionCommand, 1);
    expect(sfn).toReceiveCommandWith(StartExecutionCommand, {
      name: `${'c'.repeat(32)}-resume-${NOW.getTime()}`,
    });
  });

  it('asks every shard of every pending status, only for surveys older than the grace period', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });

    await reconcileWorkflows(deps);

    const pending = ['scheduled', 'sending', 'sent', 'reminded'].flatMap(surveyStatusPartitions);
    const surveyQueries = ddb
      .commandCalls(QueryCommand)
      .map((call) => call.args[0].input)
      .slice(0, pending.length);
    expect(surveyQueries.map(partitionOf)).toEqual(pending.map((p) => p.value));
    expect(pending).toHaveLength(4 * 8);
    for (const [i, query] of surveyQueries.entries()) {
      const partition = pending[i];
      expect(query.IndexName).toBe(partition?.index.indexName);
      expect(readable(query.KeyConditionExpression, query)).toBe(
        `${partition?.index.pk} = "${partition?.value}" AND ${partition?.index.sk} < "2026-11-27T11:58:00.000Z"`
      );
    }
  });

  it('resumes an open case at its wait, and a resolved case whose closing mail is due', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    givenIndex(followUpWorkListPartition('open').value, [followUp('d'.repeat(32))]);
    givenIndex(followUpWorkListPartition('resolved').value, [
      followUp('e'.repeat(32), { status: 'resolved', notifyRequester: true }),
      followUp('f'.repeat(32), {
        status: 'resolved',
        notifyRequester: true,
        closingEmailSentAt: '2026-11-27T11:00:00.000Z',
      }),
      followUp('0'.repeat(32), { status: 'resolved', notifyRequester: false }),
    ]);
    sfn
      .on(DescribeExecutionCommand)
      .rejects(new ExecutionDoesNotExist({ message: 'gone', $metadata: {} }));
    sfn
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: 'raced', $metadata: {} }));

    const result = await reconcileWorkflows(deps);

    expect(result.restarted.followUps).toBe(2);
    // Resolved cases only of the last two days (their work list sorts by resolution time).
    const resolved = followUpWorkListPartition('resolved');
    const query = ddb
      .commandCalls(QueryCommand)
      .map((call) => call.args[0].input)
      .find((input) => partitionOf(input) === resolved.value);
    expect(readable(query?.KeyConditionExpression, query ?? {})).toBe(
      `${resolved.index.pk} = "${resolved.value}" AND ${resolved.index.sk} BETWEEN "2026-11-25T12:00:00.000Z" AND "2026-11-27T11:58:00.000Z"`
    );
    const started = sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input);
    expect(started.map((s) => s.name).sort()).toEqual(['d'.repeat(32), 'e'.repeat(32)]);
    for (const s of started) {
      expect(s.stateMachineArn).toBe(FOLLOW_UP);
      expect(JSON.parse(s.input ?? '{}')).toMatchObject({
        resume: true,
        timers: { slaSeconds: 172800 },
      });
    }
  });
});
