import { InvalidArn, SendTaskSuccessCommand, TaskTimedOut } from '@aws-sdk/client-sfn';
import {
  BatchGetCommand,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  openRatingLink,
  RATING_BUDGET_MS,
  RATING_MAX_TRIES,
  RatingBusyError,
  type RecordedRating,
  recordClick,
  submitRating,
  type RatingDeps,
} from '#functions/csi/pages/rating-link.service.ts';
import type { RatingSubmission } from '#functions/csi/pages/rating.schema.ts';
import {
  csiAggregateKey,
  surveyKey,
  surveyStatusEntry,
  surveyTaskKey,
  tokenKey,
} from '#shared/data/keys.ts';
import { SurveyNotFoundError } from '#shared/data/not-found-errors.ts';
import { ratingLinkStore } from '#shared/data/rating-link-store.ts';
import { LinkGoneError, LinkNotFoundError } from '#shared/data/resolve-link.ts';
import { TryAgainError } from '#shared/http/try-again-error.ts';
import type { Survey } from '#shared/data/survey.ts';
import { hashToken, mintToken } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import {
  documentClient,
  NOW,
  SURVEY_ID,
  surveyItem,
  TABLE,
  testDeps,
} from '#test/helpers/ddb-fixtures.ts';
import {
  tableThrottled,
  transactionCanceled,
  transactionLostTo,
} from '#test/helpers/sdk-errors.ts';
import { addedCounters, decodeUpdate } from '#test/helpers/sent-commands.ts';

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

  describe("a token that names its survey (a mail's)", () => {
    const named = `${SURVEY_ID}${mintToken()}`;
    const givenNamed = (link: Record<string, unknown> = {}) => {
      ddb
        .on(GetCommand, { Key: tokenKey(hashToken(named)) })
        .resolves({ Item: { ...tokenItem(), ...tokenKey(hashToken(named)), ...link } });
      ddb.on(GetCommand, { Key: surveyKey(SURVEY_ID) }).resolves({ Item: surveyItem() });
    };

    it('reads the link and the survey at once, each once', async () => {
      // Prepare: the link answers only once the survey was asked for (read one after the
      // other, the survey would never be asked and the link never answer)
      let surveyAsked: () => void = () => undefined;
      const asked = new Promise<void>((resolve) => (surveyAsked = resolve));
      ddb.on(GetCommand, { Key: tokenKey(hashToken(named)) }).callsFake(async () => {
        await asked;
        return { Item: { ...tokenItem(), ...tokenKey(hashToken(named)) } };
      });
      ddb.on(GetCommand, { Key: surveyKey(SURVEY_ID) }).callsFake(() => {
        surveyAsked();
        return { Item: surveyItem() };
      });

      // Act
      const survey = await openRatingLink(store, named);

      // Assess
      expect(survey.surveyId).toBe(SURVEY_ID);
      // The link, the survey and the survey's task item (its waiting token), at once.
      expect(ddb).toReceiveCommandTimes(GetCommand, 3);
    });

    it('lets the link decide: an unknown or expired one answers as it would alone', async () => {
      // Prepare: the survey exists; its named link is not stored, then expired
      ddb.on(GetCommand, { Key: surveyKey(SURVEY_ID) }).resolves({ Item: surveyItem() });

      // Act
      const unknown = openRatingLink(store, `${SURVEY_ID}${mintToken()}`);
      await expect(unknown).rejects.toBeInstanceOf(LinkNotFoundError);
      givenNamed({ validUntil: '2025-03-10T11:59:59.999Z' });
      const expired = openRatingLink(store, named);

      // Assess
      await expect(expired).rejects.toBeInstanceOf(LinkGoneError);
    });

    it('answers not found for a link of another survey than the one it names', async () => {
      // Prepare
      givenNamed({ subjectId: 'f'.repeat(32) });

      // Act
      const result = openRatingLink(store, named);

      // Assess
      await expect(result).rejects.toBeInstanceOf(LinkNotFoundError);
    });

    describe('with the one-request read (ratingLinks)', () => {
      const withLinks = {
        ...store,
        ratingLinks: ratingLinkStore({ db: documentClient(), tableName: TABLE }),
      };
      const givenBatch = (items: readonly Record<string, unknown>[]) =>
        ddb
          .on(BatchGetCommand)
          .resolves({ Responses: { [TABLE]: items.map((i) => structuredClone(i)) } });
      const namedItem = (link: Record<string, unknown> = {}) => ({
        ...tokenItem(),
        ...tokenKey(hashToken(named)),
        ...link,
      });

      it('reads the link, the survey and its task item in one request', async () => {
        // Prepare
        givenBatch([
          namedItem(),
          { ...surveyKey(SURVEY_ID), ...surveyItem() },
          { ...surveyTaskKey(SURVEY_ID), taskToken: 'wf-token' },
        ]);

        // Act
        const survey = await openRatingLink(withLinks, named);

        // Assess
        expect(survey).toMatchObject({ surveyId: SURVEY_ID, taskToken: 'wf-token' });
        expect(ddb).toReceiveCommandTimes(BatchGetCommand, 1);
        expect(ddb).not.toReceiveCommand(GetCommand);
      });

      it.each([
        ['unknown', [], LinkNotFoundError],
        ['of another survey', [namedItem({ subjectId: 'f'.repeat(32) })], LinkNotFoundError],
        ['of another kind', [namedItem({ kind: 'case' })], LinkNotFoundError],
        ['expired', [namedItem({ validUntil: '2025-03-10T11:59:59.999Z' })], LinkGoneError],
      ])(
        'lets the link decide when it is %s, whatever the survey holds',
        async (_label, link, error) => {
          // Prepare: the survey's item is not even a survey
          givenBatch([...link, { ...surveyKey(SURVEY_ID), status: 42 }]);

          // Act
          const result = openRatingLink(withLinks, named);

          // Assess
          await expect(result).rejects.toBeInstanceOf(error);
        }
      );

      it('answers gone when the survey it opens no longer takes ratings', async () => {
        // Prepare
        givenBatch([
          namedItem(),
          { ...surveyKey(SURVEY_ID), ...surveyItem({ status: 'expired' }) },
        ]);

        // Act
        const result = openRatingLink(withLinks, named);

        // Assess
        await expect(result).rejects.toBeInstanceOf(LinkGoneError);
      });

      it('answers not found when the survey it names is not there', async () => {
        // Prepare: a valid link, no survey (the read by the link's subject finds none either)
        givenBatch([namedItem()]);

        // Act
        const result = openRatingLink(withLinks, named);

        // Assess
        await expect(result).rejects.toBeInstanceOf(SurveyNotFoundError);
      });
    });
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
  const followRating = vi.fn<(rating: RecordedRating) => Promise<unknown>>();
  const deps: RatingDeps = {
    ...store,
    settings: { followUpThreshold: 5 },
    followRating,
  };
  const submission = (score: number, overrides: Partial<RatingSubmission> = {}) => ({
    score,
    reasons: [],
    comment: '',
    ...overrides,
  });
  /** The survey a link opened: waiting for its first rating, or rated at a revision. */
  const waiting = (overrides: Partial<Survey> = {}) =>
    surveyItem({ taskToken: 'wf-token', ...overrides });
  const rated = (score: number, ratingRevision: number, overrides: Partial<Survey> = {}) =>
    surveyItem({ status: 'rated', score, ratingRevision, ...overrides });
  const surveyRow = (survey: Survey) => ({
    ...surveyKey(SURVEY_ID),
    ...surveyStatusEntry(SURVEY_ID, survey.status, survey.updatedAt),
    ...survey,
  });

  beforeEach(() => {
    followRating.mockReset();
    followRating.mockResolvedValue({ opened: true });
  });

  it('records a first rating in one transaction: the survey, the response and the counters', async () => {
    // Act
    const result = await submitRating(
      deps,
      waiting(),
      submission(4, { reasons: ['speed', 'quality'], comment: 'Took a while' }),
      'Mozilla/5.0'
    );

    // Assess
    expect(result).toEqual({ score: 4, changed: false, followUp: true });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    const [survey, response, aggregate] = transactItems();
    expect(survey?.Update?.Key).toEqual(surveyKey(SURVEY_ID));
    expect(survey?.Update?.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
    expect(decodeUpdate(survey?.Update)).toMatchObject({
      set: {
        status: 'rated',
        score: 4,
        ratedAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
        ratingRevision: 1,
      },
      // Off the work lists (none of rated surveys is read), the task token released, and
      // no inferred mark (a confirmed answer).
      remove: ['gsi2pk', 'gsi2sk', 'taskToken', 'ratingKind'],
      condition: `status IN ("sent", "reminded") AND closesAt > "${NOW.toISOString()}" AND attribute_not_exists(ratingRevision)`,
    });
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
        revision: 1,
      },
    });
    // The survey's revision guards the transaction; the response itself is written whole.
    expect(response?.Put?.ConditionExpression).toBeUndefined();
    expect(aggregate?.Update?.Key).toEqual(csiAggregateKey('2025-03-05', 'bu-fin#svc-payroll'));
    expect(addedCounters(aggregate?.Update)).toEqual({ rated: 1, scoreSum: 4, d4: 1 });
  });

  it('submits a top score in three SDK calls after the link is read: no read, one transaction, the release', async () => {
    // Act
    await submitRating(deps, waiting(), submission(5), 'Mozilla/5.0');

    // Assess: the survey came with the link (token + survey: two reads in openRatingLink)
    const calls = [...ddb.calls(), ...sfn.calls()].map((call) => call.args[0].constructor.name);
    expect(calls).toEqual(['TransactWriteCommand', 'SendTaskSuccessCommand']);
    expect(ddb).not.toReceiveCommand(GetCommand);
    expect(ddb).not.toReceiveCommand(UpdateCommand);
    expect(followRating).not.toHaveBeenCalled();
  });

  it('confirms an inferred 5 as a 4: its count moves from the inferred counters to the confirmed ones', async () => {
    // Act
    const result = await submitRating(
      deps,
      rated(5, 1, { ratingKind: 'inferred' }),
      submission(4),
      'Mozilla/5.0'
    );

    // Assess: exact, so a recount of confirmed and inferred ratings stays equal
    expect(result).toEqual({ score: 4, changed: true, followUp: true });
    const [survey, , aggregate] = transactItems();
    const update = decodeUpdate(survey?.Update);
    expect(update.set).toMatchObject({ score: 4, ratingRevision: 2 });
    expect(update.remove).toContain('ratingKind');
    expect(addedCounters(aggregate?.Update)).toEqual({
      rated: 1,
      scoreSum: 4,
      d4: 1,
      inferred: -1,
      inferredScoreSum: -5,
      i5: -1,
    });
  });

  it('changes a rating from 3 to 5 on top of the revision it read, moving one count between buckets', async () => {
    // Act
    const result = await submitRating(
      deps,
      rated(3, 2),
      submission(5, { comment: 'Fixed now' }),
      'Mozilla/5.0'
    );

    // Assess
    expect(result).toEqual({ score: 5, changed: true, followUp: false });
    const [survey, response, aggregate] = transactItems();
    const update = decodeUpdate(survey?.Update);
    expect(update).toMatchObject({
      set: { score: 5, ratingRevision: 3, updatedAt: NOW.toISOString() },
      condition: `status = "rated" AND closesAt > "${NOW.toISOString()}" AND ratingRevision = 2`,
    });
    // A change moves nothing on the status work list and keeps the first rating's time.
    expect(update.set).not.toHaveProperty('status');
    expect(update.set).not.toHaveProperty('ratedAt');
    expect(update.set).not.toHaveProperty('gsi2sk');
    expect(response?.Put?.Item).toMatchObject({ score: 5, comment: 'Fixed now', revision: 3 });
    expect(addedCounters(aggregate?.Update)).toEqual({ scoreSum: 2, d3: -1, d5: 1 });
  });

  it('changes nothing in the distribution when the same score is sent again', async () => {
    // Act
    const result = await submitRating(
      deps,
      rated(5, 1),
      submission(5, { comment: 'Just a comment' }),
      'UA'
    );

    // Assess
    expect(result.changed).toBe(true);
    const [, response, aggregate] = transactItems();
    expect(response?.Put?.Item).toMatchObject({ comment: 'Just a comment', revision: 2 });
    expect(addedCounters(aggregate?.Update)).toEqual({});
    expect(aggregate?.Update?.UpdateExpression).not.toContain('ADD');
  });

  it('applies a change at once on top of the survey a concurrent first rating returned, without reading it', async () => {
    // Prepare: the other rating (2) won; the cancellation carries the survey as it is now
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionLostTo(surveyRow(rated(2, 1, { taskToken: undefined }))))
      .resolves({});

    // Act
    const result = await submitRating(deps, waiting(), submission(4), 'Mozilla/5.0');

    // Assess
    expect(result).toEqual({ score: 4, changed: true, followUp: true });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 2);
    expect(ddb).not.toReceiveCommand(GetCommand);
    expect(decodeUpdate(transactItems(1)[0]?.Update).condition).toContain('ratingRevision = 1');
    expect(addedCounters(transactItems(1)[2]?.Update)).toEqual({ scoreSum: 2, d2: -1, d4: 1 });
    // The token went with the winner's write: nothing to release here.
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
    expect(followRating).toHaveBeenCalledWith(
      expect.objectContaining({
        previousScore: 2,
        revision: 2,
        rating: expect.objectContaining({ score: 4 }),
      })
    );
  });

  it('releases the token the winning write read, when the race it lost left the token in place', async () => {
    // Prepare: a click moved nothing the rating guards, but a change came first
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(
        transactionLostTo(surveyRow(waiting({ status: 'reminded', taskToken: 'wf-token-2' })))
      )
      .resolves({});

    // Act
    await submitRating(deps, waiting(), submission(5), 'Mozilla/5.0');

    // Assess
    expect(sfn).toReceiveCommandExactlyOnceWith(SendTaskSuccessCommand, {
      taskToken: 'wf-token-2',
      output: JSON.stringify({ score: 5 }),
    });
  });

  it.each([
    ['expired', rated(3, 1, { status: 'expired' })],
    ['cancelled', surveyItem({ status: 'cancelled' })],
    ['past its closing time', surveyItem({ status: 'sent', closesAt: '2025-03-10T11:59:59.999Z' })],
  ])(
    'answers gone when the survey was %s meanwhile, without trying again',
    async (_label, current) => {
      // Prepare
      ddb.on(TransactWriteCommand).rejects(transactionLostTo(surveyRow(current)));

      // Act
      const result = submitRating(deps, waiting(), submission(2), 'Mozilla/5.0');

      // Assess
      await expect(result).rejects.toBeInstanceOf(LinkGoneError);
      expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
      expect(ddb).not.toReceiveCommand(GetCommand);
      expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
      expect(followRating).not.toHaveBeenCalled();
    }
  );

  it('answers gone without writing when the survey it read is closed', async () => {
    // Act
    const result = submitRating(
      deps,
      rated(3, 1, { closesAt: NOW.toISOString() }),
      submission(5),
      'UA'
    );

    // Assess
    await expect(result).rejects.toBeInstanceOf(LinkGoneError);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers gone when the survey item is no longer there', async () => {
    // Prepare: the condition failed and nothing came back
    ddb
      .on(TransactWriteCommand)
      .rejects(transactionCanceled('ConditionalCheckFailed', 'None', 'None'));

    // Act
    const result = submitRating(deps, waiting(), submission(2), 'Mozilla/5.0');

    // Assess
    await expect(result).rejects.toBeInstanceOf(LinkGoneError);
  });

  it('counts a TransactionConflict as a lost race and tries again after a jittered moment', async () => {
    // Prepare
    noRetryDelay();
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionCanceled('TransactionConflict', 'None', 'None'))
      .rejectsOnce(transactionCanceled('None', 'None', 'TransactionConflict'))
      .resolves({});

    // Act
    const result = await submitRating(deps, waiting(), submission(4), 'Mozilla/5.0');

    // Assess: still a first rating, counted once
    expect(result).toEqual({ score: 4, changed: false, followUp: true });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 3);
    expect(addedCounters(transactItems(2)[2]?.Update)).toEqual({ rated: 1, scoreSum: 4, d4: 1 });
    expect(ddb).not.toReceiveCommand(GetCommand);
  });

  it('keeps trying while it loses races, each time on top of the survey returned', async () => {
    // Prepare: 40 other submits win one after another
    const writes = ddb.on(TransactWriteCommand);
    for (let revision = 1; revision <= 40; revision++)
      writes.rejectsOnce(transactionLostTo(surveyRow(rated(revision % 2 === 0 ? 2 : 3, revision))));
    writes.resolves({});

    // Act
    const result = await submitRating(deps, waiting(), submission(5), 'Mozilla/5.0');

    // Assess
    expect(result.changed).toBe(true);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 41);
    expect(decodeUpdate(transactItems(40)[0]?.Update).condition).toContain('ratingRevision = 40');
    expect(addedCounters(transactItems(40)[2]?.Update)).toEqual({ scoreSum: 3, d2: -1, d5: 1 });
  });

  it('gives up with a busy error (503) after its tries and neither releases nor follows anything', async () => {
    // Prepare: every write loses, as if the link were submitted without end
    noRetryDelay();
    ddb
      .on(TransactWriteCommand)
      .rejects(transactionCanceled('TransactionConflict', 'None', 'None'));

    // Act
    const result = submitRating(deps, waiting(), submission(2), 'Mozilla/5.0');

    // Assess
    await expect(result).rejects.toBeInstanceOf(RatingBusyError);
    await expect(result).rejects.toBeInstanceOf(TryAgainError);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, RATING_MAX_TRIES);
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
    expect(followRating).not.toHaveBeenCalled();
  });

  it('answers a rating superseded by later ones as recorded once its time budget is spent', async () => {
    // Prepare: the clock the budget reads jumps past it; another submit wrote meanwhile
    let elapsed = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => elapsed);
    ddb.on(TransactWriteCommand).callsFake(() => {
      elapsed += RATING_BUDGET_MS + 1;
      throw transactionLostTo(surveyRow(rated(3, 7)));
    });

    // Act
    const result = await submitRating(deps, waiting(), submission(2), 'Mozilla/5.0');

    // Assess: last writer wins; the winner released the workflow and followed the case
    expect(result).toEqual({ score: 2, changed: false, followUp: true });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
    expect(followRating).not.toHaveBeenCalled();
  });

  it('answers busy once its budget is spent when it only ever met conflicts', async () => {
    // Prepare
    noRetryDelay();
    let elapsed = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => elapsed);
    ddb.on(TransactWriteCommand).callsFake(() => {
      elapsed += RATING_BUDGET_MS / 2 + 1;
      throw transactionCanceled('TransactionConflict', 'None', 'None');
    });

    // Act
    const result = submitRating(deps, rated(3, 2), submission(2), 'Mozilla/5.0');

    // Assess
    await expect(result).rejects.toBeInstanceOf(RatingBusyError);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 2);
  });

  it('answers gone, not superseded, when the survey it lost to is closed', async () => {
    // Prepare
    let elapsed = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => elapsed);
    ddb.on(TransactWriteCommand).callsFake(() => {
      elapsed += RATING_BUDGET_MS + 1;
      throw transactionLostTo(surveyRow(rated(3, 7, { status: 'expired' })));
    });

    // Act
    const result = submitRating(deps, waiting(), submission(2), 'Mozilla/5.0');

    // Assess
    await expect(result).rejects.toBeInstanceOf(LinkGoneError);
  });

  it.each([
    ['not a cancellation', tableThrottled()],
    ['a cancellation without reasons', transactionCanceled()],
    ['a cancellation for another reason', transactionCanceled('None', 'ValidationError', 'None')],
  ])('rethrows an error that is %s without trying again', async (_label, error) => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(error);

    // Act
    const result = submitRating(deps, waiting(), submission(2), 'Mozilla/5.0');

    // Assess
    await expect(result).rejects.toBe(error);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
  });

  it('releases the waiting workflow with the score and hands a low score to the case', async () => {
    // Act
    const result = await submitRating(deps, waiting(), submission(2), 'Mozilla/5.0');

    // Assess
    expect(result).toEqual({ score: 2, changed: false, followUp: true });
    expect(sfn).toReceiveCommandExactlyOnceWith(SendTaskSuccessCommand, {
      taskToken: 'wf-token',
      output: JSON.stringify({ score: 2 }),
    });
    expect(followRating).toHaveBeenCalledWith({
      survey: waiting(),
      rating: { score: 2, reasons: [], comment: '', submittedAt: NOW.toISOString() },
      previousScore: undefined,
      revision: 1,
    });
  });

  it('goes on when the workflow timed out: the rating is recorded and the case still follows', async () => {
    // Prepare
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'late', $metadata: {} }));

    // Act
    const result = await submitRating(deps, waiting(), submission(1), 'Mozilla/5.0');

    // Assess
    expect(result.followUp).toBe(true);
    expect(followRating).toHaveBeenCalledTimes(1);
  });

  it('hands a change to a high score to the case too (a case may exist that must follow)', async () => {
    // Act
    const result = await submitRating(
      deps,
      rated(2, 1, { followUpId: SURVEY_ID }),
      submission(5),
      'UA'
    );

    // Assess
    expect(result).toEqual({ score: 5, changed: true, followUp: false });
    expect(followRating).toHaveBeenCalledWith(
      expect.objectContaining({ previousScore: 2, revision: 2 })
    );
  });

  it('honours a lower follow-up threshold', async () => {
    // Act
    const result = await submitRating(
      { ...deps, settings: { followUpThreshold: 3 } },
      waiting(),
      submission(3),
      'Mozilla/5.0'
    );

    // Assess
    expect(result.followUp).toBe(false);
    expect(followRating).not.toHaveBeenCalled();
  });

  it('rethrows a workflow error other than a gone task', async () => {
    // Prepare
    sfn.on(SendTaskSuccessCommand).rejects(new InvalidArn({ message: 'bad', $metadata: {} }));

    // Act
    const result = submitRating(deps, waiting(), submission(2), 'Mozilla/5.0');

    // Assess
    await expect(result).rejects.toThrow(InvalidArn);
    expect(followRating).not.toHaveBeenCalled();
  });
});
