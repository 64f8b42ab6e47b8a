import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { encodeClick } from '#functions/csi/rating/click-log.ts';
import {
  settleClicks,
  type SettleClicksDeps,
} from '#functions/csi/rating/settle-clicks.service.ts';
import { csiMetrics } from '#functions/reporting/api/csi-metrics.service.ts';
import { aggregateSchema } from '#shared/data/aggregate.ts';
import { csiAggregateKey, surveyKey } from '#shared/data/keys.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { NOW, surveyItem, testDeps } from '#test/helpers/ddb-fixtures.ts';
import { DEFAULT_SETTINGS } from '#test/helpers/mail-fixtures.ts';
import { transactionCanceled } from '#test/helpers/sdk-errors.ts';
import { addedCounters, decodeUpdate } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws({ table: 'empty' });

// The fixture's survey went at 2025-03-05T09:10:00Z; NOW is 2025-03-10T12:00:00Z.
const SENT = new Date('2025-03-05T09:10:00.000Z');
const at = (seconds: number) => new Date(SENT.getTime() + seconds * 1000);
const get = (seconds: number, score: number, browser = true) =>
  encodeClick({ at: at(seconds), method: 'GET', score, browser });
const head = (seconds: number) => encodeClick({ at: at(seconds), method: 'HEAD', browser: true });

const deps = (overrides: Partial<SettleClicksDeps> = {}): SettleClicksDeps => ({
  ...testDeps(),
  settings: DEFAULT_SETTINGS,
  ...overrides,
});
const written = () => ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];

/** The aggregate a transaction's counters make, as the reporting reads it back. */
const aggregateOf = (added: Record<string, unknown>) =>
  aggregateSchema.parse({
    day: '2025-03-05',
    dimension: 'bu-fin#svc-payroll',
    businessUnitName: 'Finance',
    serviceName: 'Payroll',
    sent: 1,
    ...added,
  });
const metricsOf = async (added: Record<string, unknown>, policy: 'strict' | 'balanced') =>
  csiMetrics(
    {
      aggregates: {
        ...testDeps().aggregates,
        daysBetween: () => Promise.resolve([aggregateOf(added)]),
      },
    },
    { from: '2025-03-05', to: '2025-03-05' },
    policy
  );

describe('Service: settleClicks', () => {
  it('settles one link clicked after 4 minutes into an inferred 5, counted apart from confirmed ones', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    const survey = surveyItem({ clickLog: [get(240, 5)] });

    // Act
    const settled = await settleClicks(deps(), survey, false);

    // Assess: the survey rated as inferred at the click's time, the inferred counters only
    expect(settled).toEqual({ outcome: 'inferred', score: 5 });
    const [surveyWrite, aggregate] = written();
    expect(surveyWrite?.Update?.Key).toEqual(surveyKey(survey.surveyId));
    expect(decodeUpdate(surveyWrite?.Update)).toMatchObject({
      set: { status: 'rated', score: 5, ratingKind: 'inferred', ratedAt: at(240).toISOString() },
    });
    expect(aggregate?.Update?.Key).toEqual(csiAggregateKey('2025-03-05', 'bu-fin#svc-payroll'));
    const added = addedCounters(aggregate?.Update);
    expect(added).toEqual({ inferred: 1, inferredScoreSum: 5, i5: 1 });

    // …and what the report makes of it: a 5 under balanced, nothing under strict
    const balanced = await metricsOf(added, 'balanced');
    expect(balanced).toMatchObject({
      includes: ['confirmed', 'inferred'],
      rated: 1,
      average: 5,
      confirmed: { rated: 0 },
      inferred: { rated: 1, average: 5 },
      rejectedAsScanner: 0,
    });
    const strict = await metricsOf(added, 'strict');
    expect(strict).toMatchObject({
      includes: ['confirmed'],
      rated: 0,
      average: null,
      inferred: { rated: 1, average: 5 },
    });
  });

  it('counts a scanner burst (HEAD then GET within 2 s of the send, all five links) as nothing but one rejected', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    const burst = [head(1), get(2, 5), get(2.5, 1), get(3, 2), get(3.5, 3), get(4, 4)];
    const survey = surveyItem({ clickLog: burst });

    // Act: at the reminder nothing is settled (the reminder still goes); at the close, rejected
    const before = await settleClicks(deps(), survey, false);
    const atClose = await settleClicks(deps(), survey, true);

    // Assess
    expect(before).toEqual({ outcome: 'none' });
    expect(atClose).toEqual({ outcome: 'rejected' });
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 1);
    const [surveyWrite, aggregate] = written();
    expect(decodeUpdate(surveyWrite?.Update)).toMatchObject({
      set: { status: 'expired', statusReason: 'scanner-clicks-only' },
    });
    const added = addedCounters(aggregate?.Update);
    expect(added).toEqual({ scannerRejected: 1 });
    expect(await metricsOf(added, 'balanced')).toMatchObject({
      rated: 0,
      confirmed: { rated: 0 },
      inferred: { rated: 0 },
      rejectedAsScanner: 1,
    });
  });

  it('keeps a changed score: the later click, once its own quiet period is over', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    const survey = surveyItem({ clickLog: [get(240, 2), get(360, 4)] });

    // Act
    const settled = await settleClicks(deps(), survey, false);

    // Assess
    expect(settled).toEqual({ outcome: 'inferred', score: 4 });
    expect(addedCounters(written()[1]?.Update)).toEqual({
      inferred: 1,
      inferredScoreSum: 4,
      i4: 1,
    });
  });

  it('waits (no reminder, no rating) while the last click is in its quiet period, and settles it at the close', async () => {
    // Prepare: a click one minute before now, the reminder due
    ddb.on(TransactWriteCommand).resolves({});
    const seconds = (NOW.getTime() - SENT.getTime()) / 1000 - 60;
    const survey = surveyItem({ clickLog: [get(seconds, 3)] });

    // Act
    const atReminder = await settleClicks(deps(), survey, false);

    // Assess
    expect(atReminder).toEqual({ outcome: 'waiting' });
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
    expect(await settleClicks(deps(), survey, true)).toEqual({ outcome: 'inferred', score: 3 });
  });

  it('leaves a survey a confirmation won the race for as it is', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None'));

    // Act
    const settled = await settleClicks(deps(), surveyItem({ clickLog: [get(240, 5)] }), false);

    // Assess
    expect(settled).toEqual({ outcome: 'none' });
  });

  it('opens a case for an inferred low score only when configured', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});
    const opened: number[] = [];
    const followInferred = (_survey: unknown, score: number) => {
      opened.push(score);
      return Promise.resolve();
    };
    const survey = surveyItem({ clickLog: [get(240, 2)] });
    const on = {
      ...DEFAULT_SETTINGS,
      rating: { ...DEFAULT_SETTINGS.rating, inferredFollowUp: true },
    };

    // Act
    await settleClicks(deps({ followInferred }), survey, false);
    await settleClicks(deps({ followInferred, settings: on }), survey, false);

    // Assess: off by default, on when set
    expect(opened).toEqual([2]);
  });
});
