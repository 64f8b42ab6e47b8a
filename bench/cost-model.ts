import type { RegionPrices } from './prices.ts';

/**
 * The bench's cost model: pure functions from what one survey path used (counted on the
 * local runtime) to list-price dollars per 1,000 resolved tickets. No I/O, so a unit test
 * on a fixed execution history pins it (test/unit/bench/cost-model.test.ts).
 */

/** The part of a GetExecutionHistory event the model reads. */
export interface HistoryEventLike {
  readonly type?: string | undefined;
}

/** Events that schedule one attempt of a task: a second one in the same state is a retry. */
const ATTEMPTS = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'ActivityScheduled']);

/**
 * State transitions of one execution as AWS bills them: every state entered (Task, Choice,
 * Wait, Pass, Succeed, Fail…) plus every retry of a task, which AWS also bills as a
 * transition. A retry shows in the history as one more attempt (TaskScheduled) inside the
 * same state entry.
 */
export const transitionsOf = (events: readonly HistoryEventLike[]): number => {
  let transitions = 0;
  let attemptsInState = 0;
  for (const event of events) {
    const type = event.type ?? '';
    if (type.endsWith('StateEntered')) {
      transitions += 1;
      attemptsInState = 0;
    } else if (ATTEMPTS.has(type)) {
      attemptsInState += 1;
      if (attemptsInState > 1) transitions += 1;
    }
  }
  return transitions;
};

/** One Lambda invocation as metered: its configured memory and its duration. */
export interface Invocation {
  readonly functionId: string;
  readonly memoryMb: number;
  /** Wall time of the handler, in ms; billed rounded up to the next ms. */
  readonly durationMs: number;
}

/** GB-seconds of invocations, as Lambda bills them (1 ms granularity, memory in GB). */
export const gbSecondsOf = (invocations: readonly Invocation[]): number =>
  invocations.reduce((sum, i) => sum + (Math.ceil(i.durationMs) / 1000) * (i.memoryMb / 1024), 0);

/** What the surveys of one path used in total, over `surveys` surveys. */
export interface PathUsage {
  readonly surveys: number;
  /** Transitions of the survey workflow (CsiSurvey) alone. */
  readonly surveyTransitions: number;
  /** Transitions of every workflow the path ran (the follow-up case's too). */
  readonly transitions: number;
  readonly lambdaInvocations: number;
  readonly lambdaGbSeconds: number;
  readonly writeUnits: number;
  readonly readUnits: number;
  readonly httpRequests: number;
  readonly mails: number;
  readonly schedulerInvocations: number;
}

export type PathName = 'rated5' | 'ratedLow' | 'unanswered';
export const PATHS: readonly PathName[] = ['rated5', 'ratedLow', 'unanswered'];

/** Response rates: share of tickets answered; share of answers below 5. */
export interface ResponseRates {
  readonly answerRate: number;
  readonly lowShare: number;
}
export const DEFAULT_RATES: ResponseRates = { answerRate: 0.12, lowShare: 0.04 };

/**
 * The share of tickets on each path: rated 5, rated below 5 (a case opened and resolved),
 * unanswered (one reminder, then expiry).
 */
export const pathWeights = ({ answerRate, lowShare }: ResponseRates): Record<PathName, number> => ({
  rated5: answerRate * (1 - lowShare),
  ratedLow: answerRate * lowShare,
  unanswered: 1 - answerRate,
});

/** Per-survey usage of a path (totals divided by its surveys). */
export type PerSurvey = Omit<PathUsage, 'surveys'>;

const KEYS: readonly (keyof PerSurvey)[] = [
  'surveyTransitions',
  'transitions',
  'lambdaInvocations',
  'lambdaGbSeconds',
  'writeUnits',
  'readUnits',
  'httpRequests',
  'mails',
  'schedulerInvocations',
];

export const perSurvey = (usage: PathUsage): PerSurvey => {
  const n = Math.max(1, usage.surveys);
  return Object.fromEntries(KEYS.map((key) => [key, usage[key] / n])) as Record<
    keyof PerSurvey,
    number
  >;
};

/** The weighted mean ticket: each path's per-survey usage times its share. */
export const weightedTicket = (
  usage: Readonly<Record<PathName, PathUsage>>,
  rates: ResponseRates
): PerSurvey => {
  const weights = pathWeights(rates);
  const mean = Object.fromEntries(KEYS.map((key) => [key, 0])) as Record<keyof PerSurvey, number>;
  for (const path of PATHS) {
    const one = perSurvey(usage[path]);
    for (const key of KEYS) mean[key] += one[key] * weights[path];
  }
  return mean;
};

/** Dollars per line for `tickets` tickets of the given per-ticket usage. */
export interface CostLines {
  readonly stepFunctions: number;
  readonly ses: number;
  readonly dynamoDb: number;
  readonly lambda: number;
  readonly httpApi: number;
  readonly scheduler: number;
  readonly total: number;
  /** Total ÷ the mails' own cost (SES). */
  readonly ratioToMails: number;
}

export const costOf = (ticket: PerSurvey, prices: RegionPrices, tickets = 1000): CostLines => {
  const stepFunctions = ticket.transitions * prices.stateTransition * tickets;
  const ses = ticket.mails * prices.mail * tickets;
  const dynamoDb =
    (ticket.writeUnits * prices.writeUnit + ticket.readUnits * prices.readUnit) * tickets;
  const lambda =
    (ticket.lambdaInvocations * prices.lambdaRequest +
      ticket.lambdaGbSeconds * prices.lambdaGbSecond) *
    tickets;
  const httpApi = ticket.httpRequests * prices.httpRequest * tickets;
  const scheduler = ticket.schedulerInvocations * prices.schedulerInvocation * tickets;
  const total = stepFunctions + ses + dynamoDb + lambda + httpApi + scheduler;
  return {
    stepFunctions,
    ses,
    dynamoDb,
    lambda,
    httpApi,
    scheduler,
    total,
    ratioToMails: ses > 0 ? total / ses : Number.POSITIVE_INFINITY,
  };
};

/** Transitions of the survey workflow per survey: unanswered, and the rated paths' mean. */
export const surveyTransitionFigures = (
  usage: Readonly<Record<PathName, PathUsage>>,
  rates: ResponseRates
) => {
  const weights = pathWeights(rates);
  const rated5 = perSurvey(usage.rated5).surveyTransitions;
  const ratedLow = perSurvey(usage.ratedLow).surveyTransitions;
  const ratedWeight = weights.rated5 + weights.ratedLow;
  return {
    rated5,
    ratedLow,
    unanswered: perSurvey(usage.unanswered).surveyTransitions,
    ratedMean:
      ratedWeight > 0 ? (rated5 * weights.rated5 + ratedLow * weights.ratedLow) / ratedWeight : 0,
  };
};
