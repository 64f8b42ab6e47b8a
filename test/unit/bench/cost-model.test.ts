import { describe, expect, it } from 'vitest';
import {
  costOf,
  gbSecondsOf,
  pathWeights,
  surveyTransitionFigures,
  transitionsOf,
  weightedTicket,
  type PathName,
  type PathUsage,
} from '../../../bench/cost-model.ts';
import { PRICES } from '../../../bench/prices.ts';
import histories from '../../fixtures/bench/execution-histories.json' with { type: 'json' };

/** Fixed usage of the three paths; the unanswered one's transitions come from the fixture. */
const usageWith = (unansweredTransitions: number): Record<PathName, PathUsage> => ({
  rated5: {
    surveys: 2,
    surveyTransitions: 2,
    transitions: 2,
    lambdaInvocations: 6,
    lambdaGbSeconds: 0.2,
    writeUnits: 20,
    readUnits: 10,
    httpRequests: 4,
    mails: 2,
    schedulerInvocations: 2,
  },
  ratedLow: {
    surveys: 1,
    surveyTransitions: 1,
    transitions: 6,
    lambdaInvocations: 8,
    lambdaGbSeconds: 0.3,
    writeUnits: 30,
    readUnits: 12,
    httpRequests: 4,
    mails: 3,
    schedulerInvocations: 1,
  },
  unanswered: {
    surveys: 2,
    surveyTransitions: 2 * unansweredTransitions,
    transitions: 2 * unansweredTransitions,
    lambdaInvocations: 6,
    lambdaGbSeconds: 0.24,
    writeUnits: 24,
    readUnits: 8,
    httpRequests: 2,
    mails: 4,
    schedulerInvocations: 2,
  },
});

describe('Bench: cost model', () => {
  it('counts every state entered and every retry of a task as a transition', () => {
    // Prepare / Act / Assess: 3 states entered, the first task retried twice.
    expect(transitionsOf(histories.unansweredWithRetries.events)).toBe(5);
    // The pre-wave-2 rated-5 path: 9 states, 4 of them Choice, 1 Wait, 1 Succeed.
    expect(transitionsOf(histories.rated5BeforeWave2.events)).toBe(9);
  });

  it('bills Lambda duration per started ms times the memory in GB', () => {
    const gbs = gbSecondsOf([
      { functionId: 'A', memoryMb: 512, durationMs: 99.2 },
      { functionId: 'B', memoryMb: 1024, durationMs: 1000 },
    ]);
    expect(gbs).toBeCloseTo(0.05 + 1, 10);
  });

  it('weights the paths at 12 % answers, 4 % of them low, by default', () => {
    const weights = pathWeights({ answerRate: 0.12, lowShare: 0.04 });
    expect(weights.rated5).toBeCloseTo(0.1152, 10);
    expect(weights.ratedLow).toBeCloseTo(0.0048, 10);
    expect(weights.unanswered).toBeCloseTo(0.88, 10);
  });

  it('prices the weighted ticket at list prices per 1,000 tickets', () => {
    const transitions = transitionsOf(histories.unansweredWithRetries.events);
    const usage = usageWith(transitions);
    const rates = { answerRate: 0.12, lowShare: 0.04 };

    const ticket = weightedTicket(usage, rates);
    const us = costOf(ticket, PRICES['us-east-1']);
    const eu = costOf(ticket, PRICES['eu-central-1']);

    expect(ticket.transitions).toBeCloseTo(4.544, 10);
    expect(ticket.mails).toBeCloseTo(1.8896, 10);
    expect(ticket.writeUnits).toBeCloseTo(11.856, 10);
    expect(us.stepFunctions).toBeCloseTo(0.1136, 10);
    expect(us.ses).toBeCloseTo(0.18896, 10);
    expect(us.dynamoDb).toBeCloseTo(0.0079292, 10);
    expect(us.lambda).toBeCloseTo(0.0021856079, 9);
    expect(us.httpApi).toBeCloseTo(0.0011296, 10);
    expect(us.scheduler).toBeCloseTo(0.001, 10);
    expect(us.total).toBeCloseTo(0.3148044079, 9);
    expect(us.ratioToMails).toBeCloseTo(1.66598, 5);
    // eu-central-1: DynamoDB $0.7625/M writes, $0.1525/M reads, HTTP API $1.20/M.
    expect(eu.dynamoDb).toBeCloseTo(11.856 * 0.0007625 + 4.1536 * 0.0001525, 10);
    expect(eu.httpApi).toBeCloseTo(1.1296 * 0.0012, 10);
  });

  it('gives the survey workflow transitions per path and the rated paths mean', () => {
    const figures = surveyTransitionFigures(usageWith(5), { answerRate: 0.12, lowShare: 0.04 });
    expect(figures).toEqual({ rated5: 1, ratedLow: 1, unanswered: 5, ratedMean: 1 });
  });
});
