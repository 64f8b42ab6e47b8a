import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { shardOf } from '#shared/data/keys.ts';
import { SurveyNotFoundError } from '#shared/data/not-found-errors.ts';
import { surveyStore } from '#shared/data/survey-store.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, NOW, SURVEY_ID, surveyItem, TABLE } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed, tableThrottled } from '#test/helpers/sdk-errors.ts';
import { decodeUpdate, expectNewItemOnly, readable } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws({ table: 'empty' });
const surveys = surveyStore({ db: documentClient(), tableName: TABLE });
const AT = NOW.toISOString();
const SHARD = shardOf(SURVEY_ID, 8);

const lastUpdate = () => ddb.commandCalls(UpdateCommand).at(-1)?.args[0].input;

describe('Store: surveys (reads)', () => {
  it('returns the parsed survey, without its keys', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({
      Item: { pk: `SURVEY#${SURVEY_ID}`, sk: 'SURVEY', gsi2pk: 'x', ...surveyItem() },
    });

    // Act
    const survey = await surveys.get(SURVEY_ID);

    // Assess
    expect(survey).toEqual(surveyItem());
    expect(ddb).toReceiveCommandWith(GetCommand, {
      TableName: TABLE,
      Key: { pk: `SURVEY#${SURVEY_ID}`, sk: 'SURVEY' },
      ConsistentRead: true,
    });
  });

  it('throws SurveyNotFoundError from get, and finds nothing, for an unknown survey', async () => {
    // Act
    const found = await surveys.find(SURVEY_ID);
    const act = surveys.get(SURVEY_ID);

    // Assess
    expect(found).toBeUndefined();
    await expect(act).rejects.toBeInstanceOf(SurveyNotFoundError);
  });

  it("lists a ticket's surveys of one source, newest first, reading them by key, leaving out broken items", async () => {
    // Prepare: the lookup index holds keys only; the items are read with BatchGetItem.
    const key = { pk: `SURVEY#${SURVEY_ID}`, sk: 'SURVEY' };
    const broken = { pk: 'SURVEY#x', sk: 'SURVEY' };
    ddb.on(QueryCommand).resolves({ Items: [{ ...key, gsi1pk: 'TICKET#T-1' }, broken] });
    ddb.on(BatchGetCommand).resolves({
      Responses: {
        [TABLE]: [
          { ...broken, surveyId: 'x' },
          { ...key, ...surveyItem() },
        ],
      },
    });

    // Act
    const found = await surveys.listByTicket('T-1', {
      source: 'jira',
      newestFirst: true,
      limit: 1,
    });

    // Assess
    expect(found).toEqual([surveyItem()]);
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(query).toMatchObject({ IndexName: 'gsi1', ScanIndexForward: false, Limit: 1 });
    expect(readable(query?.KeyConditionExpression, query ?? {})).toBe(
      'gsi1pk = "TICKET#T-1" AND begins_with(gsi1sk, "jira#")'
    );
    expect(ddb).toReceiveCommandWith(BatchGetCommand, {
      RequestItems: { [TABLE]: { Keys: [key, broken], ConsistentRead: false } },
    });
  });

  it('reads one page of one shard of a status work list from the index alone', async () => {
    // Prepare: the work list carries the attributes reconcile needs (INCLUDE).
    ddb.on(QueryCommand).resolves({
      Items: [
        {
          pk: `SURVEY#${SURVEY_ID}`,
          sk: 'SURVEY',
          surveyId: SURVEY_ID,
          status: 'sent',
          sentAt: AT,
          closesAt: AT,
        },
        { pk: 'SURVEY#x', sk: 'SURVEY' },
      ],
      LastEvaluatedKey: { pk: 'next' },
    });

    // Act
    const page = await surveys.statusPage('sent', SHARD, {
      before: AT,
      limit: 200,
      start: { pk: 'from' },
    });
    const bounded = await surveys.statusPage('failed', 0, { before: AT, after: 'a', limit: 5 });

    // Assess
    expect(page).toEqual({
      surveys: [{ surveyId: SURVEY_ID, status: 'sent', sentAt: AT, closesAt: AT }],
      next: { pk: 'next' },
    });
    expect(bounded.surveys).toHaveLength(1);
    const [first, second] = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(first).toMatchObject({
      IndexName: 'gsi2',
      Limit: 200,
      ExclusiveStartKey: { pk: 'from' },
    });
    expect(readable(first?.KeyConditionExpression, first ?? {})).toBe(
      `gsi2pk = "SURVEYSTATUS#sent#${SHARD}" AND gsi2sk < "${AT}"`
    );
    expect(readable(second?.KeyConditionExpression, second ?? {})).toBe(
      `gsi2pk = "SURVEYSTATUS#failed#0" AND gsi2sk BETWEEN "a" AND "${AT}"`
    );
    expect(ddb).not.toReceiveCommand(BatchGetCommand);
  });
});

describe('Store: surveys (transitions)', () => {
  it('creates a survey once, on its ticket list and its status work list, in one put', async () => {
    // Prepare
    ddb.on(PutCommand).resolvesOnce({}).rejects(conditionFailed());
    const store = surveyStore({ db: documentClient(), tableName: TABLE });

    // Act
    const created = await store.create(surveyItem({ status: 'scheduled', updatedAt: AT }));
    const again = await store.create(surveyItem({ status: 'scheduled', updatedAt: AT }));

    // Assess
    expect([created, again]).toEqual([true, false]);
    const put = ddb.commandCalls(PutCommand)[0]?.args[0].input;

    expect(put?.Item).toEqual({
      pk: `SURVEY#${SURVEY_ID}`,
      sk: 'SURVEY',
      ...surveyItem({ status: 'scheduled', updatedAt: AT }),
      gsi1pk: 'TICKET#T-1',
      gsi1sk: 'generic#2025-03-05T09:00:00.000Z',
      gsi2pk: `SURVEYSTATUS#scheduled#${SHARD}`,
      gsi2sk: AT,
    });
    expectNewItemOnly(put);
  });

  it('sets the status, updatedAt and the work list together, from the statuses given', async () => {
    // Act
    const moved = await surveys.transition(SURVEY_ID, ['scheduled', 'sending'], 'sending', {
      updatedAt: AT,
    });

    // Assess
    expect(moved).toBe(true);
    expect(lastUpdate()).toMatchObject({ TableName: TABLE, Key: { pk: `SURVEY#${SURVEY_ID}` } });
    expect(decodeUpdate(lastUpdate())).toEqual({
      set: {
        status: 'sending',
        updatedAt: AT,
        gsi2pk: `SURVEYSTATUS#sending#${SHARD}`,
        gsi2sk: AT,
      },
      setIfAbsent: {},
      add: {},
      remove: [],
      condition: 'status IN ("scheduled", "sending")',
    });
  });

  it('answers false when the survey is in none of the statuses', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const moved = await surveys.transition(SURVEY_ID, ['sent'], 'reminded', { updatedAt: AT });

    // Assess
    expect(moved).toBe(false);
  });

  it('rethrows a table error of a transition', async () => {
    // Prepare
    const slow = tableThrottled();
    ddb.on(UpdateCommand).rejects(slow);

    // Act
    const act = surveys.transition(SURVEY_ID, ['sent'], 'reminded', { updatedAt: AT });

    // Assess
    await expect(act).rejects.toBe(slow);
  });

  it('drops the task token and guards the window when asked, as a TransactWrite part too', () => {
    // Act
    const part = surveys.transitionItem(
      SURVEY_ID,
      ['sent', 'reminded'],
      'rated',
      { updatedAt: AT, score: 4, ratedAt: AT },
      { openAt: AT, removeTaskToken: true }
    );

    // Assess
    expect(decodeUpdate(part.Update)).toEqual({
      set: {
        status: 'rated',
        score: 4,
        ratedAt: AT,
        updatedAt: AT,
      },
      setIfAbsent: {},
      add: {},
      // No work list of rated surveys is read: the entry leaves the index (one delete).
      remove: ['gsi2pk', 'gsi2sk', 'taskToken'],
      condition: `status IN ("sent", "reminded") AND closesAt > "${AT}"`,
    });
  });

  it('leaves the work-list entry alone in a transition within one status (a changed rating)', () => {
    // Act
    const part = surveys.transitionItem(SURVEY_ID, ['rated'], 'rated', {
      updatedAt: AT,
      score: 5,
    });

    // Assess: no index key is set, so the index is not rewritten (issue 8).
    expect(decodeUpdate(part.Update).set).toEqual({ status: 'rated', score: 5, updatedAt: AT });
  });

  it('cancels a pending survey and hands back the task token it held', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({ Attributes: { ...surveyItem(), taskToken: 'wf-1' } });

    // Act
    const outcome = await surveys.cancel(SURVEY_ID, AT);

    // Assess
    expect(outcome).toEqual({ cancelled: true, taskToken: 'wf-1' });
    expect(ddb).toReceiveCommandWith(UpdateCommand, { ReturnValues: 'ALL_OLD' });
    expect(decodeUpdate(lastUpdate())).toMatchObject({
      set: { status: 'cancelled', statusReason: 'reopened' },
      remove: ['gsi2pk', 'gsi2sk', 'taskToken'],
      condition: 'status IN ("scheduled", "sending", "sent", "reminded")',
    });
  });

  it('hands back the token of the task item of a cancelled survey that awaited its rating', async () => {
    // Prepare: the survey held no token itself; its task item holds one
    ddb.on(UpdateCommand).resolves({ Attributes: surveyItem({ status: 'sent' }) });
    ddb
      .on(GetCommand, { Key: { pk: `SURVEY#${SURVEY_ID}`, sk: 'TASK' } })
      .resolves({ Item: { taskToken: 'wf-3' } });

    // Act
    const sent = await surveys.cancel(SURVEY_ID, AT);
    ddb.on(UpdateCommand).resolves({ Attributes: surveyItem({ status: 'scheduled' }) });
    const scheduled = await surveys.cancel(SURVEY_ID, AT);

    // Assess: an unsent survey has no token parked, its task item is not read
    expect(sent).toEqual({ cancelled: true, taskToken: 'wf-3' });
    expect(scheduled).toEqual({ cancelled: true, taskToken: undefined });
    expect(ddb).toReceiveCommandTimes(GetCommand, 1);
  });

  it('cancels nothing that is no longer pending', async () => {
    // Prepare
    ddb.on(UpdateCommand).rejects(conditionFailed());

    // Act
    const outcome = await surveys.cancel(SURVEY_ID, AT);

    // Assess
    expect(outcome).toEqual({ cancelled: false });
  });
});

describe('Store: surveys (marks)', () => {
  it('parks a task token on the task item, true only while the survey awaits its rating', async () => {
    // Prepare: the survey is read after the write: rated first, then sent
    ddb
      .on(GetCommand, { Key: { pk: `SURVEY#${SURVEY_ID}`, sk: 'SURVEY' } })
      .resolvesOnce({ Item: surveyItem({ status: 'rated' }) })
      .resolves({ Item: surveyItem({ status: 'sent' }) });

    // Act
    const late = await surveys.parkTaskToken(SURVEY_ID, 'wf-1');
    const parked = await surveys.parkTaskToken(SURVEY_ID, 'wf-1');

    // Assess: each is one unconditional write of the task item, with its TTL
    expect([late, parked]).toEqual([false, true]);
    expect(lastUpdate()?.Key).toEqual({ pk: `SURVEY#${SURVEY_ID}`, sk: 'TASK' });
    expect(decodeUpdate(lastUpdate())).toMatchObject({ set: { taskToken: 'wf-1' } });
    expect(decodeUpdate(lastUpdate()).condition).toBeUndefined();
    expect(lastUpdate()?.ExpressionAttributeValues).toEqual(
      expect.objectContaining({ ':v1': expect.any(Number) })
    );
  });

  it('reads a survey with its task item: the token only while it awaits its rating', async () => {
    // Prepare
    const task = { pk: `SURVEY#${SURVEY_ID}`, sk: 'TASK', taskToken: 'wf-2' };
    ddb.on(GetCommand, { Key: { pk: `SURVEY#${SURVEY_ID}`, sk: 'TASK' } }).resolves({ Item: task });
    ddb
      .on(GetCommand, { Key: { pk: `SURVEY#${SURVEY_ID}`, sk: 'SURVEY' } })
      .resolvesOnce({ Item: surveyItem({ status: 'reminded' }) })
      .resolvesOnce({ Item: surveyItem({ status: 'rated' }) })
      .resolves({ Item: surveyItem({ status: 'sent', taskToken: 'wf-old' }) });

    // Act
    const waiting = await surveys.getWithTask(SURVEY_ID);
    const over = await surveys.getWithTask(SURVEY_ID);
    const plain = await surveys.get(SURVEY_ID);

    // Assess: a rated survey's item may still hold a token (until its TTL): nothing waits
    expect(waiting.taskToken).toBe('wf-2');
    expect(over.taskToken).toBeUndefined();
    // get reads the survey item alone (what a survey written before the task item holds)
    expect(plain.taskToken).toBe('wf-old');
  });

  it('links the survey to its case', () => {
    // Act
    const part = surveys.linkFollowUpItem(SURVEY_ID, 'case-1');

    // Assess
    expect(part.Update?.Key).toEqual({ pk: `SURVEY#${SURVEY_ID}`, sk: 'SURVEY' });
    expect(decodeUpdate(part.Update).set).toEqual({ followUpId: 'case-1' });
  });
});
