import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { inferredCounter } from '#shared/data/aggregate.ts';
import type { DataStores } from '#shared/data/data-stores.ts';
import { AWAITING_RATING, type Survey } from '#shared/data/survey.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import { isLowScore } from '#shared/kernel/survey-rules.ts';
import { logger, metrics } from '#shared/powertools.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import { decodeClicks } from './click-log.ts';
import { judgeClicks, type ClickVerdict } from './click-verdict.ts';

export interface SettleClicksDeps extends Pick<DataStores, 'surveys' | 'aggregates' | 'transact'> {
  readonly now: () => Date;
  readonly settings: Pick<CsiSettings, 'rating' | 'followUpThreshold'>;
  /**
   * Opens the case of an inferred low score (only with `rating.inferredFollowUp`); absent
   * where the caller may start no case workflow.
   */
  readonly followInferred?: (survey: Survey, score: number, revision: number) => Promise<unknown>;
}

/**
 * What settling a survey's clicks did: `inferred` (the survey is rated with that score,
 * nothing waits on it any more), `rejected` (every click a scanner's: the survey expired and
 * counts one `scannerRejected`), `waiting` (a person's click still in its quiet period) or
 * `none` (no score clicked, or the survey is no longer waiting).
 */
export type Settlement =
  | { readonly outcome: 'inferred'; readonly score: number }
  | { readonly outcome: 'rejected' | 'waiting' | 'none' };

/** The verdict on a survey's clicks, from its log and the times its mails went. */
export const verdictOf = (survey: Survey, settings: Pick<CsiSettings, 'rating'>): ClickVerdict =>
  judgeClicks(
    {
      mailedAt: [survey.sentAt, survey.remindedAt].flatMap((t) => (t ? [new Date(t)] : [])),
      clicks: decodeClicks(survey.clickLog),
    },
    settings.rating
  );

/**
 * Settles the clicks of a survey whose wait ended with no confirmed rating (the reminder
 * is due, `final` false; the survey closes, `final` true). One rule for both policies: the
 * counters keep inferred ratings apart, and the policy decides at report time which the CSI
 * figure includes (csi-metrics.service.ts).
 * - A person's click whose quiet period is over (or any, when final) becomes an inferred
 *   rating: the survey `rated` (ratingKind `inferred`, ratedAt the click's time) and the
 *   day's inferred counters, in one transaction, conditional on the survey still waiting at
 *   no rating (a confirmation that came first wins). A later confirmation on the same link
 *   replaces it and moves its count to the confirmed ones (rating-link.service.ts).
 * - Only scanners' clicks, when final: the survey expires as `scanner-clicks-only` and counts
 *   one `scannerRejected`. Before the end they settle nothing: the reminder still goes, as
 *   the person may not have seen the mail at all.
 */
export const settleClicks = async (
  deps: SettleClicksDeps,
  survey: Survey,
  final: boolean
): Promise<Settlement> => {
  if (!AWAITING_RATING.includes(survey.status)) return { outcome: 'none' };
  const verdict = verdictOf(survey, deps.settings);
  if (verdict.kind === 'none') return { outcome: 'none' };
  if (verdict.kind === 'rejected') {
    if (!final) return { outcome: 'none' };
    return (await expireAsScanned(deps, survey)) ? { outcome: 'rejected' } : { outcome: 'none' };
  }
  if (!final && deps.now() < verdict.settlesAt) return { outcome: 'waiting' };
  const at = verdict.at.toISOString();
  try {
    await deps.transact([
      deps.surveys.rateItem({ read: survey, score: verdict.score, at, kind: 'inferred' }),
      deps.aggregates.addItem(survey, {
        inferred: 1,
        inferredScoreSum: verdict.score,
        [inferredCounter(verdict.score)]: 1,
      }),
    ]);
  } catch (error) {
    // Rated (or closed) meanwhile: the confirmation decides.
    if (conditionFailed(error, 0)) return { outcome: 'none' };
    throw error;
  }
  metrics.addMetric('RatingInferred', MetricUnit.Count, 1);
  logger.info('rating inferred from a click', { surveyId: survey.surveyId, score: verdict.score });
  const revision = (survey.ratingRevision ?? 0) + 1;
  if (
    deps.settings.rating.inferredFollowUp &&
    isLowScore(verdict.score, deps.settings) &&
    deps.followInferred
  )
    await deps.followInferred(survey, verdict.score, revision);
  return { outcome: 'inferred', score: verdict.score };
};

const expireAsScanned = async (deps: SettleClicksDeps, survey: Survey): Promise<boolean> => {
  const change = { updatedAt: deps.now().toISOString(), statusReason: 'scanner-clicks-only' };
  try {
    await deps.transact([
      deps.surveys.transitionItem(survey.surveyId, AWAITING_RATING, 'expired', change, {
        removeTaskToken: true,
      }),
      deps.aggregates.addItem(survey, { scannerRejected: 1 }),
    ]);
    logger.info('clicks taken for a scanner', { surveyId: survey.surveyId });
    return true;
  } catch (error) {
    if (conditionFailed(error, 0)) return false;
    throw error;
  }
};
