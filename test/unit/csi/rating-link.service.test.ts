import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { InvalidArn, SendTaskSuccessCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  openRatingLink,
  RATING_ATTEMPTS,
  RatingBusyError,
  recordClick,
  submitRating,
  type RatingDeps,
} from '#functions/csi/pages/rating-link.service.ts';
import type { RatingSubmission } from '#functions/csi/pages/rating.schema.ts';
import {
  csiAggregateKey,
  responseKey,
  surveyKey,
  surveyStatusEntry,
  tokenKey,
} from '#shared/data/keys.ts';
import { LinkGoneError, LinkNotFoundError } from '#shared/data/resolve-link.ts';
import { TryAgainError } from '#shared/http/try-again-error.ts';
import type { Survey } from '#shared/data/survey.ts';
import { hashToken, mintToken } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { NOW, SURVEY_ID, surveyItem, TABLE, testDeps } from '#test/helpers/ddb-fixtures.ts';
import { tableThrottled, transactionCanceled } from '#test/helpers/sdk-errors.ts';
import { addedCounters, decodeUpdate, expectNewItemOnly } from '#test/helpers/sent-commands.ts';

const { ddb, sfn } = mockAws({ table: 'empty', workflows: 'accepting' });

const store = testDeps();

afterEach(() => {
  vi.restoreAllMocks();
});

const transactItems = (call = 0) =>
  ddb.commandCalls(TransactWriteCommand)[call]?.args[0].input.TransactItems ?? [];

/** No wait between the retries of a conflicting transaction (its jitter is random × …). */
const noRetryDelay = () => vi.spyOn(Math, 'random').mockReturnValue(0);

describe('Service: openRatingLink', () => {
  const token = mintToken();
  const tokenItem = (overrides: Record<string, unknown> = {}) => ({
    ...tokenKey(hashToken(token)),
    kind: 'rating',
    subjectId: SURVEY_ID,
    validUntil: '2025-03-12T09:10:00.000Z',
    ...overrides,
  });

  it('returns the survey a valid rating token opens', async () => {
    // Prepare
    ddb.on(GetCommand, { Key: tokenKey(hashToken(token)) }).resolves({ Item: tokenItem() });
    ddb.on(GetCommand, { Key: surveyKey(SURVEY_ID) }).resolves({ Item: surveyItem() });

    // Act
    const survey = await openRatingLink(store, token);

    // Assess
    expect(survey).toMatchObject({ surveyId: SURVEY_ID, status: 'sent', ticketNumber: 'INC-1001' });
    expect(ddb).toReceiveCommandWith(GetCommand, {
      TableName: TABLE,
      Key: { pk: `TOKEN#${hashToken(token)}`, sk: 'TOKEN' },
      ConsistentRead: true,
    });
  });

  it.each(['sent', 'reminded', 'rated'] as const)('opens a survey that is %s', async (status) => {
    // Prepare
    ddb.on(GetCommand, { Key: tokenKey(hashToken(token)) }).resolves({ Item: tokenItem() });
    ddb.on(GetCommand, { Key: surveyKey(SURVEY_ID) }).resolves({ Item: surveyItem({ status }) });

    // Act
    const survey = await openRatingLink(store, token);

    // Assess
    expect(survey.status).toBe(status);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too short', 'abc'],
    ['with characters outside base64url', `${'a'.repeat(31)}!`],
  ])('answers not found for a %s token without reading the table', async (_label, bad) => {
    // Act
    const result = openRatingLink(store, bad);

    // Assess
    await expect(result).rejects.toBeInstanceOf(LinkNotFoundError);
    expect(ddb).not.toReceiveCommand(GetCommand);
  });

  it('answers not found for a well-formed token that is not stored', async () => {
    // Act
    const result = openRatingLink(store, mintToken());

    // Assess
    await expect(result).rejects.toBeInstanceOf(LinkNotFoundError);
    expect(ddb).toReceiveCommandTimes(GetCommand, 1);
  });

  it('answers not found for a token of another kind', async () => {
    // Prepare
    ddb
      .on(GetCommand, { Key: tokenKey(hashToken(token)) })
      .resolves({ Item: tokenItem({ kind: 'unsubscribe' }) });
    ddb.on(GetCommand, { Key: surveyKey(SURVEY_ID) }).resolves({ Item: surveyItem() });

    // Act
    const result = openRatingLink(store, token);

    // Assess
    await expect(result).rejects.toBeInstanceOf(LinkNotFoundError);
    expect(ddb).not.toReceiveCommandWith(GetCommand, { Key: surveyKey(SURVEY_ID) });
  });

  it('answers gone for a token past its validUntil', async () => {
    // Prepare
    ddb
      .on(GetCommand, { Key: tokenKey(hashToken(token)) })
      .resolves({ Item: tokenItem({ validUntil: '2025-03-10T11:59:59.999Z' }) });
    ddb.on(GetCommand, { Key: surveyKey(SURVEY_ID) }).resolves({ Item: surveyItem() });

    // Act
    const result = openRatingLink(store, token);

    // Assess
    await expect(result).rejects.toBeInstanceOf(LinkGoneError);
  });

  it.each(['expired', 'cancelled', 'suppressed', 'failed'] as const)(
    'answers gone when the survey is %s',
    async (status) => {
      // Prepare
      ddb.on(GetCommand, { Key: tokenKey(hashToken(token)) }).resolves({ Item: tokenItem() });
      ddb.on(GetCommand, { Key: surveyKey(SURVEY_ID) }).resolves({ Item: surveyItem({ status }) });

      // Act
      const result = openRatingLink(store, token);

      // Assess
      await expect(result).rejects.toBeInstanceOf(LinkGoneError);
    }
  );

  it.each([
    ['closed an hour ago', '2025-03-10T11:00:00.000Z'],
    ['closing this very moment', NOW.toISOString()],
    ['without a closing time', undefined],
  ])('answers gone for a survey still sent but %s', async (_label, closesAt) => {
    // Prepare: the token itself is still valid
    ddb.on(GetCommand, { Key: tokenKey(hashToken(token)) }).resolves({ Item: tokenItem() });
    ddb
      .on(GetCommand, { Key: surveyKey(SURVEY_ID) })
      .resolves({ Item: surveyItem({ status: 'sent', closesAt }) });

    // Act
    const result = openRatingLink(store, token);

    // Assess
    await expect(result).rejects.toBeInstanceOf(LinkGoneError);
  });

  it('opens a rated survey until the last millisecond before it closes', async () => {
    // Prepare
    ddb.on(GetCommand, { Key: tokenKey(hashToken(token)) }).resolves({ Item: tokenItem() });
    ddb
      .on(GetCommand, { Key: surveyKey(SURVEY_ID) })
      .resolves({ Item: surveyItem({ status: 'rated', closesAt: '2025-03-10T12:00:00.001Z' }) });

    // Act
    const survey = await openRatingLink(store, token);

    // Assess
    expect(survey.closesAt).toBe('2025-03-10T12:00:00.001Z');
  });
});

describe('Service: recordClick', () => {
  it('sets firstClickAt and adds to the clicks counter in one transaction on the first click', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    const survey = surveyItem();

    // Act
    await recordClick(store, survey, 'Mozilla/5.0');

    // Assess
    const [click, aggregate] = transactItems();
    expect(click?.Update).toMatchObject({ TableName: TABLE, Key: surveyKey(SURVEY_ID) });
    expect(decodeUpdate(click?.Update)).toMatchObject({
      set: {
        firstClickAt: NOW.toISOString(),
        lastClickAt: NOW.toISOString(),
        lastClickUserAgent: 'Mozilla/5.0',
        clickCount: 1,
      },
      condition: 'attribute_not_exists(firstClickAt)',
    });
    expect(aggregate?.Update?.Key).toEqual(csiAggregateKey('2025-03-05', 'bu-fin#svc-payroll'));
    expect(addedCounters(aggregate?.Update)).toEqual({ clicks: 1 });
    expect(ddb).not.toReceiveCommand(UpdateCommand);
  });

  it('keeps at most 256 characters of the user agent', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});

    // Act
    await recordClick(store, surveyItem(), 'x'.repeat(1000));

    // Assess
    const [click] = transactItems();
    expect(decodeUpdate(click?.Update).set.lastClickUserAgent).toHaveLength(256);
  });

  it('only adds to clickCount on a later click, leaving the aggregate alone', async () => {
    // Prepare: firstClickAt is set already, so the first item's condition fails
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None'));
    ddb.on(UpdateCommand).resolves({});

    // Act
    await recordClick(store, surveyItem(), 'Scanner/1.0');

    // Assess
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    expect(ddb).toReceiveCommandExactlyOnceWith(UpdateCommand, {
      TableName: TABLE,
      Key: surveyKey(SURVEY_ID),
    });
    expect(decodeUpdate(ddb.commandCalls(UpdateCommand)[0]?.args[0].input)).toEqual({
      set: { lastClickAt: NOW.toISOString(), lastClickUserAgent: 'Scanner/1.0' },
      setIfAbsent: {},
      add: { clickCount: 1 },
      remove: [],
      condition: undefined,
    });
  });

  it('retries a first click that conflicts with another update of the day counter', async () => {
    // Prepare
    noRetryDelay();
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionCanceled('None', 'TransactionConflict'))
      .resolves({});

    // Act
    await recordClick(store, surveyItem(), 'Mozilla/5.0');

    // Assess: counted once, as a first click, and no fallback
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 2);
    expect(addedCounters(transactItems(1)[1]?.Update)).toEqual({ clicks: 1 });
    expect(ddb).not.toReceiveCommand(UpdateCommand);
  });

  it.each([
    ['not a condition failure', tableThrottled()],
    ['a cancellation without reasons', transactionCanceled()],
    [
      'a cancellation for a reason other than the condition',
      transactionCanceled('None', 'ValidationError'),
    ],
  ])('rethrows an error that is %s, without the later-click fallback', async (_label, error) => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(error);

    // Act
    const result = recordClick(store, surveyItem(), 'Mozilla/5.0');

    // Assess
    await expect(result).rejects.toBe(error);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    expect(ddb).not.toReceiveCommand(UpdateCommand);
  });
});

describe('Service: submitRating', () => {
  const openFollowUp = vi.fn<(surveyId: string) => Promise<unknown>>();
  const deps: RatingDeps = {
    ...store,
    settings: { followUpThreshold: 5 },
    openFollowUp,
  };
  const submission = (score: number, overrides: Partial<RatingSubmission> = {}) => ({
    score,
    reasons: [],
    comment: '',
    ...overrides,
  });
  const previousResponse = (score: number, revision = 0) => ({
    ...responseKey(SURVEY_ID),
    surveyId: SURVEY_ID,
    score,
    reasons: [],
    comment: '',
    submittedAt: '2025-03-09T10:00:00.000Z',
    revision,
  });
  const givenSurvey = (survey: Survey) =>
    ddb.on(GetCommand, { Key: surveyKey(SURVEY_ID) }).resolves({ Item: survey });
  const givenResponse = (item?: Record<string, unknown>) =>
    ddb.on(GetCommand, { Key: responseKey(SURVEY_ID) }).resolves(item ? { Item: item } : {});

  beforeEach(() => {
    openFollowUp.mockReset();
    openFollowUp.mockResolvedValue({ opened: true });
  });

  it('records a first rating with the response, the rated status and the counters in one transaction', async () => {
    // Prepare
    givenSurvey(surveyItem());
    givenResponse();

    // Act
    const result = await submitRating(
      deps,
      surveyItem(),
      submission(4, { reasons: ['speed', 'quality'], comment: 'Took a while' }),
      'Mozilla/5.0'
    );

    // Assess
    expect(result).toEqual({ score: 4, changed: false, followUp: true });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    const [response, survey, aggregate] = transactItems();
    expectNewItemOnly(response?.Put);
    expect(response?.Put).toMatchObject({
      TableName: TABLE,
      Item: {
        pk: `SURVEY#${SURVEY_ID}`,
        sk: 'RESPONSE',
        surveyId: SURVEY_ID,
        score: 4,
        reasons: ['speed', 'quality'],
        comment: 'Took a while',
        submittedAt: NOW.toISOString(),
        userAgent: 'Mozilla/5.0',
        revision: 0,
      },
    });
    expect(survey?.Update?.Key).toEqual(surveyKey(SURVEY_ID));
    expect(decodeUpdate(survey?.Update)).toMatchObject({
      set: {
        status: 'rated',
        score: 4,
        ratedAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        ...surveyStatusEntry(SURVEY_ID, 'rated', NOW.toISOString()),
      },
      condition: `status IN ("sent", "reminded") AND closesAt > "${NOW.toISOString()}"`,
    });
    expect(aggregate?.Update?.Key).toEqual(csiAggregateKey('2025-03-05', 'bu-fin#svc-payroll'));
    expect(addedCounters(aggregate?.Update)).toEqual({ rated: 1, scoreSum: 4, d4: 1 });
  });

  it('adds the top score to d5 and opens no follow-up for it', async () => {
    // Prepare
    givenSurvey(surveyItem());
    givenResponse();

    // Act
    const result = await submitRating(deps, surveyItem(), submission(5), 'Mozilla/5.0');

    // Assess
    expect(result).toEqual({ score: 5, changed: false, followUp: false });
    expect(addedCounters(transactItems()[2]?.Update)).toEqual({ rated: 1, scoreSum: 5, d5: 1 });
    expect(openFollowUp).not.toHaveBeenCalled();
  });

  it('changes a rating from 3 to 5 under the revision guard, moving one count between buckets', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated', score: 3 }));
    givenResponse(previousResponse(3, 2));

    // Act
    const result = await submitRating(
      deps,
      surveyItem({ status: 'rated', score: 3 }),
      submission(5, { comment: 'Fixed now' }),
      'Mozilla/5.0'
    );

    // Assess
    expect(result).toEqual({ score: 5, changed: true, followUp: false });
    const [response, survey, aggregate] = transactItems();
    expect(response?.Put).toBeUndefined();
    expect(response?.Update?.Key).toEqual(responseKey(SURVEY_ID));
    expect(decodeUpdate(response?.Update)).toMatchObject({
      set: { score: 5, comment: 'Fixed now', submittedAt: NOW.toISOString(), revision: 3 },
      condition: 'revision = 2',
    });
    expect(survey?.Update?.Key).toEqual(surveyKey(SURVEY_ID));
    expect(decodeUpdate(survey?.Update)).toMatchObject({
      set: { status: 'rated', score: 5 },
      condition: `status = "rated" AND closesAt > "${NOW.toISOString()}"`,
    });
    expect(addedCounters(aggregate?.Update)).toEqual({ scoreSum: 2, d3: -1, d5: 1 });
  });

  it('changes nothing in the distribution when the same score is sent again', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated', score: 5 }));
    givenResponse(previousResponse(5, 0));

    // Act
    const result = await submitRating(
      deps,
      surveyItem({ status: 'rated', score: 5 }),
      submission(5, { comment: 'Just a comment' }),
      'Mozilla/5.0'
    );

    // Assess
    expect(result.changed).toBe(true);
    const [response, , aggregate] = transactItems();
    expect(decodeUpdate(response?.Update)).toMatchObject({
      set: { comment: 'Just a comment', revision: 1 },
      condition: 'revision = 0',
    });
    expect(addedCounters(aggregate?.Update)).toEqual({});
    expect(aggregate?.Update?.UpdateExpression).not.toContain('ADD');
  });

  it('reads again and applies a change when a concurrent first rating wins the race', async () => {
    // Prepare: the other rating wrote the response and rated the survey meanwhile
    givenSurvey(surveyItem({ status: 'rated', score: 2 }));
    ddb
      .on(GetCommand, { Key: responseKey(SURVEY_ID) })
      .resolvesOnce({})
      .resolves({ Item: previousResponse(2, 0) });
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionCanceled('ConditionalCheckFailed', 'ConditionalCheckFailed', 'None'))
      .resolves({});

    // Act
    const result = await submitRating(deps, surveyItem(), submission(4), 'Mozilla/5.0');

    // Assess
    expect(result).toEqual({ score: 4, changed: true, followUp: true });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 2);
    expect(transactItems(0)[0]?.Put).toBeDefined();
    expect(decodeUpdate(transactItems(1)[0]?.Update).condition).toBe('revision = 0');
    expect(addedCounters(transactItems(1)[2]?.Update)).toEqual({ scoreSum: 2, d2: -1, d4: 1 });
    // response, survey (still open?), response again, then the survey for the workflow
    expect(ddb).toReceiveCommandTimes(GetCommand, 4);
  });

  it('retries a change whose revision moved under it, on top of the newer response', async () => {
    // Prepare: a concurrent change from 3 to 1 lands between the read and the write
    givenSurvey(surveyItem({ status: 'rated', score: 3 }));
    ddb
      .on(GetCommand, { Key: responseKey(SURVEY_ID) })
      .resolvesOnce({ Item: previousResponse(3, 0) })
      .resolves({ Item: previousResponse(1, 1) });
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionCanceled('ConditionalCheckFailed', 'None', 'None'))
      .resolves({});

    // Act
    const result = await submitRating(deps, surveyItem(), submission(4), 'Mozilla/5.0');

    // Assess
    expect(result).toEqual({ score: 4, changed: true, followUp: true });
    expect(decodeUpdate(transactItems(1)[0]?.Update)).toMatchObject({
      set: { revision: 2 },
      condition: 'revision = 1',
    });
    expect(addedCounters(transactItems(1)[2]?.Update)).toEqual({ scoreSum: 3, d1: -1, d4: 1 });
  });

  it.each([
    ['expired', surveyItem({ status: 'expired' })],
    ['cancelled', surveyItem({ status: 'cancelled' })],
    ['past its closing time', surveyItem({ status: 'sent', closesAt: '2025-03-10T11:59:59.999Z' })],
  ])('answers gone when the survey was %s meanwhile, without retrying', async (_label, current) => {
    // Prepare: the survey's condition (status and closesAt) failed
    givenSurvey(current);
    givenResponse();
    ddb
      .on(TransactWriteCommand)
      .rejects(transactionCanceled('None', 'ConditionalCheckFailed', 'None'));

    // Act
    const result = submitRating(deps, surveyItem(), submission(2), 'Mozilla/5.0');

    // Assess
    await expect(result).rejects.toBeInstanceOf(LinkGoneError);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    expect(ddb).toReceiveCommandWith(GetCommand, {
      Key: surveyKey(SURVEY_ID),
      ConsistentRead: true,
    });
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
    expect(openFollowUp).not.toHaveBeenCalled();
  });

  it('answers gone when a change loses to the survey closing', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'expired', score: 3 }));
    givenResponse(previousResponse(3, 0));
    ddb
      .on(TransactWriteCommand)
      .rejects(transactionCanceled('None', 'ConditionalCheckFailed', 'None'));

    // Act
    const result = submitRating(
      deps,
      surveyItem({ status: 'rated', score: 3 }),
      submission(5),
      'Mozilla/5.0'
    );

    // Assess
    await expect(result).rejects.toBeInstanceOf(LinkGoneError);
    expect(decodeUpdate(transactItems(0)[0]?.Update).condition).toBe('revision = 0');
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
  });

  it('gives up after eight lost races with a busy error and neither releases nor opens anything', async () => {
    // Prepare: the survey stays open, but every change loses its revision race
    noRetryDelay();
    givenSurvey(surveyItem({ status: 'rated', taskToken: 'wf-token' }));
    givenResponse(previousResponse(3, 0));
    ddb
      .on(TransactWriteCommand)
      .rejects(transactionCanceled('ConditionalCheckFailed', 'None', 'None'));

    // Act
    const result = submitRating(deps, surveyItem(), submission(2), 'Mozilla/5.0');

    // Assess
    await expect(result).rejects.toBeInstanceOf(RatingBusyError);
    await expect(result).rejects.toBeInstanceOf(TryAgainError);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, RATING_ATTEMPTS);
    const surveyReads = ddb
      .commandCalls(GetCommand)
      .filter((call) => call.args[0].input.Key?.['sk'] === 'SURVEY');
    expect(surveyReads).toHaveLength(0); // the survey's guard held each time: no check needed
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
    expect(openFollowUp).not.toHaveBeenCalled();
  });

  it('waits a jittered, growing backoff between lost races', async () => {
    // Prepare: the largest jitter, and timers the test moves on itself
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const waits: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation((run, ms) => {
      waits.push(ms ?? 0);
      return realSetTimeout(run, 0);
    });
    givenSurvey(surveyItem({ status: 'rated' }));
    givenResponse(previousResponse(3, 0));
    ddb
      .on(TransactWriteCommand)
      .rejects(transactionCanceled('ConditionalCheckFailed', 'None', 'None'));

    // Act
    const result = submitRating(deps, surveyItem(), submission(5), 'Mozilla/5.0');

    // Assess: 25 ms doubling per lost race, capped at 800 ms; none after the last one
    await expect(result).rejects.toBeInstanceOf(RatingBusyError);
    expect(waits).toEqual([50, 100, 200, 400, 800, 800, 800]);
  });

  it('retries a conflicting transaction without reading again or counting twice', async () => {
    // Prepare
    noRetryDelay();
    givenSurvey(surveyItem({ status: 'rated' }));
    givenResponse();
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionCanceled('None', 'None', 'TransactionConflict'))
      .resolves({});

    // Act
    const result = await submitRating(deps, surveyItem(), submission(4), 'Mozilla/5.0');

    // Assess
    expect(result).toEqual({ score: 4, changed: false, followUp: true });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 2);
    expect(transactItems(1)[0]?.Put).toBeDefined(); // still a first rating
    expect(ddb).toReceiveCommandTimes(GetCommand, 2); // the response once, the survey once
  });

  it('rethrows a cancellation without reasons at once, without reading the survey', async () => {
    // Prepare
    givenSurvey(surveyItem());
    givenResponse();
    const bare = transactionCanceled();
    ddb.on(TransactWriteCommand).rejects(bare);

    // Act
    const result = submitRating(deps, surveyItem(), submission(2), 'Mozilla/5.0');

    // Assess
    await expect(result).rejects.toBe(bare);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    expect(ddb).not.toReceiveCommandWith(GetCommand, { Key: surveyKey(SURVEY_ID) });
  });

  it('rethrows an error that is not a condition failure without retrying', async () => {
    // Prepare
    givenSurvey(surveyItem());
    givenResponse();
    ddb.on(TransactWriteCommand).rejects(tableThrottled());

    // Act
    const result = submitRating(deps, surveyItem(), submission(2), 'Mozilla/5.0');

    // Assess
    await expect(result).rejects.toThrow(ProvisionedThroughputExceededException);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
  });

  it('releases the waiting workflow with the score and leaves the follow-up to it', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated', taskToken: 'wf-token' }));
    givenResponse();

    // Act
    const result = await submitRating(deps, surveyItem(), submission(2), 'Mozilla/5.0');

    // Assess
    expect(result).toEqual({ score: 2, changed: false, followUp: true });
    expect(ddb).toReceiveCommandWith(UpdateCommand, { Key: surveyKey(SURVEY_ID) });
    expect(decodeUpdate(ddb.commandCalls(UpdateCommand)[0]?.args[0].input)).toMatchObject({
      set: {},
      remove: ['taskToken'],
      condition: 'taskToken = "wf-token"',
    });
    expect(sfn).toReceiveCommandExactlyOnceWith(SendTaskSuccessCommand, {
      taskToken: 'wf-token',
      output: JSON.stringify({ score: 2 }),
    });
    expect(openFollowUp).not.toHaveBeenCalled();
  });

  it('still releases the workflow when another request removed the token first', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated', taskToken: 'wf-token' }));
    givenResponse();
    ddb
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'gone', $metadata: {} }));

    // Act
    await submitRating(deps, surveyItem(), submission(3), 'Mozilla/5.0');

    // Assess
    expect(sfn).toReceiveCommandTimes(SendTaskSuccessCommand, 1);
    expect(openFollowUp).not.toHaveBeenCalled();
  });

  it('opens the follow-up itself when the workflow timed out and the score is low', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated', taskToken: 'wf-token' }));
    givenResponse();
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'late', $metadata: {} }));

    // Act
    const result = await submitRating(deps, surveyItem(), submission(1), 'Mozilla/5.0');

    // Assess
    expect(result.followUp).toBe(true);
    expect(openFollowUp).toHaveBeenCalledTimes(1);
    expect(openFollowUp).toHaveBeenCalledWith(SURVEY_ID);
  });

  it('opens no follow-up when the workflow timed out but the score is high', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated', taskToken: 'wf-token' }));
    givenResponse();
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'late', $metadata: {} }));

    // Act
    const result = await submitRating(deps, surveyItem(), submission(5), 'Mozilla/5.0');

    // Assess
    expect(result.followUp).toBe(false);
    expect(openFollowUp).not.toHaveBeenCalled();
  });

  it('opens the follow-up itself when no workflow waits and the score is low', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated', score: 5 }));
    givenResponse(previousResponse(5, 1));

    // Act
    const result = await submitRating(deps, surveyItem(), submission(3), 'Mozilla/5.0');

    // Assess
    expect(result).toEqual({ score: 3, changed: true, followUp: true });
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
    expect(openFollowUp).toHaveBeenCalledWith(SURVEY_ID);
  });

  it('honours a lower follow-up threshold', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated' }));
    givenResponse();

    // Act
    const result = await submitRating(
      { ...deps, settings: { followUpThreshold: 3 } },
      surveyItem(),
      submission(3),
      'Mozilla/5.0'
    );

    // Assess
    expect(result.followUp).toBe(false);
    expect(openFollowUp).not.toHaveBeenCalled();
  });

  it('rethrows a workflow error other than a gone task', async () => {
    // Prepare
    givenSurvey(surveyItem({ status: 'rated', taskToken: 'wf-token' }));
    givenResponse();
    sfn.on(SendTaskSuccessCommand).rejects(new InvalidArn({ message: 'bad', $metadata: {} }));

    // Act
    const result = submitRating(deps, surveyItem(), submission(2), 'Mozilla/5.0');

    // Assess
    await expect(result).rejects.toThrow(InvalidArn);
    expect(openFollowUp).not.toHaveBeenCalled();
  });
});
