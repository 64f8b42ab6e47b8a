import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { scoreCounter, type Counter } from '#shared/data/aggregate.ts';
import type { DataStores } from '#shared/data/data-stores.ts';
import { LinkGoneError, resolveLink } from '#shared/data/resolve-link.ts';
import { AWAITING_RATING, type Survey } from '#shared/data/survey.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import { TryAgainError } from '#shared/http/try-again-error.ts';
import { isLowScore, takesRatings } from '#shared/kernel/survey-rules.ts';
import { logger, metrics } from '#shared/powertools.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import type { WorkflowPort } from '#shared/workflow/workflow-port.ts';
import type { RatingSubmission } from './rating.schema.ts';

type Clock = { readonly now: () => Date };
type ClickDeps = Pick<DataStores, 'surveys' | 'aggregates' | 'transact'> & Clock;

export interface RatingDeps
  extends Pick<DataStores, 'surveys' | 'responses' | 'aggregates' | 'transact'>, Clock {
  readonly workflow: Pick<WorkflowPort, 'releaseToken'>;
  readonly settings: Pick<CsiSettings, 'followUpThreshold'>;
  /** Opens the case when no workflow will (late or changed score); idempotent. */
  readonly openFollowUp: (surveyId: string) => Promise<unknown>;
}

/** The survey a rating link opens, if it still takes ratings. */
export const openRatingLink = async (
  deps: Pick<DataStores, 'tokens' | 'surveys'> & Clock,
  token: string | undefined
): Promise<Survey> => {
  const link = await resolveLink(deps.tokens, token, 'rating', deps.now());
  const survey = await deps.surveys.get(link.subjectId);
  if (!takesRatings(survey, deps.now())) throw new LinkGoneError();
  return survey;
};

/**
 * A GET of a rating link: kept as an unconfirmed click (first time, count, last user
 * agent), reported apart, never a rating. The first click of a survey adds to the day's
 * `clicks` counter in the same transaction that sets `firstClickAt`.
 */
export const recordClick = async (
  deps: ClickDeps,
  survey: Survey,
  userAgent: string
): Promise<void> => {
  const now = deps.now().toISOString();
  const agent = userAgent.slice(0, 256);
  try {
    await deps.transact([
      deps.surveys.firstClickItem(survey.surveyId, now, agent),
      deps.aggregates.addItem(survey, { clicks: 1 }),
    ]);
  } catch (error) {
    if (!conditionFailed(error, 0)) throw error;
    await deps.surveys.repeatClick(survey.surveyId, now, agent);
  }
};

/**
 * Records a rating, or replaces the earlier one while the survey is open.
 * 1. First rating: the response, the survey's `rated` status and the day's counters
 *    (rated, score sum, distribution) in one transaction, conditional on the survey
 *    still waiting; a second submit in a race loses the condition and becomes a change.
 * 2. Change: the response's revision guards the counters' deltas against a concurrent change.
 * 3. A survey closed or cancelled meanwhile answers 410 (LinkGoneError); a rating that
 *    loses every race (RATING_ATTEMPTS, with jittered backoff) answers 503 (RatingBusyError).
 * 4. The waiting workflow is released with the score (it opens the follow-up); if none
 *    waits any more, a low score opens the follow-up here.
 */
export const submitRating = async (
  deps: RatingDeps,
  survey: Survey,
  submission: RatingSubmission,
  userAgent: string
): Promise<{ score: number; changed: boolean; followUp: boolean }> => {
  const changed = await recordRating(deps, survey, submission, userAgent);
  metrics.addMetric('RatingSubmitted', MetricUnit.Count, 1);
  logger.info('rating recorded', { surveyId: survey.surveyId, score: submission.score, changed });
  const current = await deps.surveys.get(survey.surveyId);
  const released = current.taskToken
    ? await releaseWorkflow(deps, survey.surveyId, current.taskToken, submission.score)
    : false;
  const low = isLowScore(submission.score, deps.settings);
  if (low && !released) await deps.openFollowUp(survey.surveyId);
  return { score: submission.score, changed, followUp: low };
};

/**
 * How often a rating is written against concurrent submits of its link before the person is
 * asked to send it again: with four tries, 23 of 30 submits at once on one token lost (issue 9).
 */
export const RATING_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 25;
const BACKOFF_CAP_MS = 800;

/**
 * A rating that lost every race against other submits of its link (each one moved the
 * response's revision first); the page asks the person to try again (503), never a 500.
 */
export class RatingBusyError extends TryAgainError {
  constructor(surveyId: string) {
    super(`rating of survey ${surveyId} lost ${String(RATING_ATTEMPTS)} races`);
    this.name = 'RatingBusyError';
  }
}

/** Full jitter: racing submits spread out instead of colliding again at the same moment. */
const backoff = (attempt: number) =>
  new Promise((resolve) =>
    setTimeout(resolve, Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt))
  );

/** Writes the rating as a first one or a change, retrying lost races; true for a change. */
const recordRating = async (
  deps: RatingDeps,
  survey: Survey,
  submission: RatingSubmission,
  userAgent: string
): Promise<boolean> => {
  for (let attempt = 1; ; attempt++) {
    const previous = await deps.responses.find(survey.surveyId);
    try {
      await deps.transact(
        previous
          ? changeRating(deps, survey, previous, submission)
          : firstRating(deps, survey, submission, userAgent)
      );
      return previous !== undefined;
    } catch (error) {
      const surveyRefused = conditionFailed(error, 1);
      if (!conditionFailed(error, 0) && !surveyRefused) throw error;
      // Closed or cancelled meanwhile: the link is gone. Otherwise someone rated or changed
      // at the same moment: read again and apply on top (last writer wins); the revision
      // guard keeps the counters' deltas exact whatever the order. A lost revision alone
      // means the survey's guard held, so the survey is not read again: under a burst of
      // submits every saved read shortens the race.
      if (surveyRefused && !takesRatings(await deps.surveys.get(survey.surveyId), deps.now()))
        throw new LinkGoneError();
      if (attempt >= RATING_ATTEMPTS) {
        logger.warn('rating lost every race', { surveyId: survey.surveyId, attempts: attempt });
        throw new RatingBusyError(survey.surveyId);
      }
      await backoff(attempt);
    }
  }
};

const firstRating = (
  deps: RatingDeps,
  survey: Survey,
  submission: RatingSubmission,
  userAgent: string
) => {
  const now = deps.now().toISOString();
  return [
    deps.responses.firstItem(
      survey.surveyId,
      { ...submission, submittedAt: now },
      userAgent.slice(0, 256)
    ),
    deps.surveys.transitionItem(
      survey.surveyId,
      AWAITING_RATING,
      'rated',
      { updatedAt: now, score: submission.score, ratedAt: now },
      { openAt: now }
    ),
    deps.aggregates.addItem(survey, {
      rated: 1,
      scoreSum: submission.score,
      [scoreCounter(submission.score)]: 1,
    }),
  ];
};

const changeRating = (
  deps: RatingDeps,
  survey: Survey,
  previous: { score: number; revision: number },
  submission: RatingSubmission
) => {
  const now = deps.now().toISOString();
  const deltas: Partial<Record<Counter, number>> = { scoreSum: submission.score - previous.score };
  if (submission.score !== previous.score) {
    deltas[scoreCounter(previous.score)] = -1;
    deltas[scoreCounter(submission.score)] = 1;
  }
  return [
    deps.responses.changeItem(survey.surveyId, previous.revision, {
      ...submission,
      submittedAt: now,
    }),
    // A changed score keeps the survey rated; the guard keeps the window closed after it ends.
    deps.surveys.transitionItem(
      survey.surveyId,
      ['rated'],
      'rated',
      { updatedAt: now, score: submission.score },
      { openAt: now }
    ),
    deps.aggregates.addItem(survey, deltas),
  ];
};

/** Hands the score to the waiting workflow; false when no workflow waits for it. */
const releaseWorkflow = async (
  deps: RatingDeps,
  surveyId: string,
  taskToken: string,
  score: number
): Promise<boolean> => {
  await deps.surveys.dropTaskToken(surveyId, taskToken);
  return deps.workflow.releaseToken(taskToken, { score });
};
