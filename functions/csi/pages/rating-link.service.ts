import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { inferredCounter, scoreCounter, type Counter } from '#shared/data/aggregate.ts';
import type { DataStores } from '#shared/data/data-stores.ts';
import { LinkGoneError, LinkNotFoundError, resolveLink } from '#shared/data/resolve-link.ts';
import { subjectOfToken } from '#shared/data/token-store.ts';
import type { TokenRecord } from '#shared/data/token.ts';
import type { RatingLinkStore } from '#shared/data/rating-link-store.ts';
import type { RatingRecord } from '#shared/data/response-store.ts';
import type { Survey } from '#shared/data/survey.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import { TryAgainError } from '#shared/http/try-again-error.ts';
import { isLowScore, takesRatings } from '#shared/kernel/survey-rules.ts';
import { logger, metrics } from '#shared/powertools.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import type { WorkflowPort } from '#shared/workflow/workflow-port.ts';
import type { RatingSubmission } from './rating.schema.ts';
import { CLICK_LOG_LIMIT, encodeClick, looksLikeBrowser } from '../rating/click-log.ts';

/** A log line while the survey still waits for its rating and its log has room. */
const logLineFor = (
  survey: Survey,
  at: Date,
  method: 'GET' | 'HEAD',
  userAgent: string,
  score: number | undefined
): string | undefined =>
  survey.status !== 'rated' && (survey.clickLog?.length ?? 0) < CLICK_LOG_LIMIT
    ? encodeClick({ at, method, score, browser: looksLikeBrowser(userAgent) })
    : undefined;

type Clock = { readonly now: () => Date };
type ClickDeps = Pick<DataStores, 'clicks' | 'aggregates' | 'transact'> & Clock;

export interface RatingDeps
  extends Pick<DataStores, 'surveys' | 'responses' | 'aggregates' | 'attemptTransact'>, Clock {
  readonly workflow: Pick<WorkflowPort, 'releaseToken'>;
  readonly settings: Pick<CsiSettings, 'followUpThreshold'>;
  /**
   * Opens the case of a first or changed low score, or keeps an existing case in step with
   * a changed one; idempotent (the case id is the survey's).
   */
  readonly followRating: (rating: RecordedRating) => Promise<unknown>;
}

/** A rating as written: the survey it was written on top of, and what it replaced. */
export interface RecordedRating {
  /** The survey as the winning write read it (its task token, its case). */
  readonly survey: Survey;
  readonly rating: RatingRecord;
  /** The score it replaced; undefined for a first rating. */
  readonly previousScore: number | undefined;
  /** The survey's `ratingRevision` after the write. */
  readonly revision: number;
}

type LinkDeps = Pick<DataStores, 'tokens' | 'surveys'> &
  Clock & {
    /** The one-request read of a token that names its survey (rating-link-store.ts). */
    readonly ratingLinks?: Pick<RatingLinkStore, 'read'>;
  };

/**
 * The link and the survey a token that names its survey opens, read at once (one
 * BatchGetItem with `ratingLinks`, else the three GetItems together): the link decides (an
 * unknown or expired one answers as it would alone), and it must open that survey.
 */
const namedLink = async (
  deps: LinkDeps,
  token: string,
  named: string
): Promise<{ link: TokenRecord; survey: Survey | undefined }> => {
  if (deps.ratingLinks) {
    const read = await deps.ratingLinks.read(token, named);
    const link = await resolveLink(
      { find: () => Promise.resolve(read.link) },
      token,
      'rating',
      deps.now()
    );
    if (link.subjectId !== named) throw new LinkNotFoundError();
    return { link, survey: read.survey() };
  }
  const [link, read] = await Promise.allSettled([
    resolveLink(deps.tokens, token, 'rating', deps.now()),
    deps.surveys.getWithTask(named),
  ]);
  if (link.status === 'rejected') throw link.reason;
  if (link.value.subjectId !== named) throw new LinkNotFoundError();
  if (read.status === 'rejected') throw read.reason;
  return { link: link.value, survey: read.value };
};

/**
 * The survey a rating link opens, if it still takes ratings. A token that names its survey
 * (a mail's, subjectOfToken) has the link and the survey read at once (namedLink); an older
 * one is read first, then its survey.
 */
export const openRatingLink = async (
  deps: LinkDeps,
  token: string | undefined
): Promise<Survey> => {
  const named = token === undefined ? undefined : subjectOfToken(token);
  const { link, survey } =
    token !== undefined && named !== undefined
      ? await namedLink(deps, token, named)
      : { link: await resolveLink(deps.tokens, token, 'rating', deps.now()), survey: undefined };
  const opened = survey ?? (await deps.surveys.getWithTask(link.subjectId));
  if (!takesRatings(opened, deps.now())) throw new LinkGoneError();
  return opened;
};

/** What a later visit of a rating link shows: the form, or the rating kept once it closed. */
export type RatingView =
  | { readonly open: true; readonly survey: Survey }
  | { readonly open: false; readonly survey: Survey & { readonly score: number } };

/**
 * The survey a rating link opens for viewing: while it takes ratings, the form; once closed,
 * a survey rated through it still shows "your rating N was recorded" (a person who comes
 * back to the mail must not read "expired"). Anything else answers as openRatingLink does.
 */
export const openRatingView = async (
  deps: LinkDeps,
  token: string | undefined
): Promise<RatingView> => {
  try {
    return { open: true, survey: await openRatingLink(deps, token) };
  } catch (error) {
    if (!(error instanceof LinkGoneError) || token === undefined) throw error;
    // A mail's token names its survey; an older one is read for it (a link that is gone
    // exists, so it has a record).
    const named = subjectOfToken(token) ?? (await deps.tokens.find(token))?.subjectId;
    const survey = named === undefined ? undefined : await deps.surveys.find(named);
    if (survey?.status === 'rated' && survey.score !== undefined)
      return { open: false, survey: { ...survey, score: survey.score } };
    throw error;
  }
};

/**
 * A GET of a rating link: kept as an unconfirmed click (first time, count, last user
 * agent), reported apart, never a rating; logged for the scanner heuristics with its score
 * (click-verdict.ts decides at the end of the survey's wait). The first click of a survey
 * adds to the day's `clicks` counter in the same transaction that sets `firstClickAt`.
 */
export const recordClick = async (
  deps: ClickDeps,
  survey: Survey,
  userAgent: string,
  score?: number
): Promise<void> => {
  const at = deps.now();
  const click = {
    surveyId: survey.surveyId,
    at: at.toISOString(),
    userAgent: userAgent.slice(0, 256),
    logLine: logLineFor(survey, at, 'GET', userAgent, score),
  };
  try {
    await deps.transact([
      deps.clicks.firstClickItem(click),
      deps.aggregates.addItem(survey, { clicks: 1 }),
    ]);
  } catch (error) {
    if (!conditionFailed(error, 0)) throw error;
    await deps.clicks.repeatClick(click);
  }
};

/**
 * A HEAD of a rating link: no click (a person's browser never sends one), only a line in
 * the click log, since scanners send HEAD before GET.
 */
export const recordHead = async (
  deps: Pick<ClickDeps, 'clicks' | 'now'>,
  survey: Survey,
  userAgent: string
): Promise<void> => {
  const line = logLineFor(survey, deps.now(), 'HEAD', userAgent, undefined);
  if (line !== undefined) await deps.clicks.logHead(survey.surveyId, line);
};

/**
 * Records a rating, or replaces the earlier one while the survey is open.
 * 1. One transaction on the survey as read with the link: the survey (score, `rated`,
 *    `ratingRevision` + 1, task token removed; only while open and at the revision read),
 *    the response written whole, and the day's counters (a first rating counts; a change
 *    moves the score between buckets, from the score on the survey it replaced).
 * 2. A lost race (another submit moved the revision, or the survey closed) cancels it with
 *    the survey as it is now: tried again at once on top of it (last writer wins), or 410
 *    when it no longer takes ratings. A TransactionConflict (a transaction on the same items
 *    at that moment) is a lost race with nothing to go on: tried again after a jittered
 *    moment.
 * 3. Tries end after RATING_BUDGET_MS. A rating that by then lost only to ratings written
 *    after it came in is superseded: it is ordered just before the last of them (last writer
 *    wins; its answer is 200 and the stored rating, the counters and the case are the
 *    winner's). One that cannot tell (only conflicts) answers 503 (RatingBusyError).
 * 4. The task token read with the winning write's survey releases the workflow (a task
 *    gone meanwhile is fine: the rating is recorded).
 * 5. The case follows the rating (`followRating`): a low score opens it, a change updates it.
 */
export const submitRating = async (
  deps: RatingDeps,
  survey: Survey,
  submission: RatingSubmission,
  userAgent: string
): Promise<{ score: number; changed: boolean; followUp: boolean }> => {
  const low = isLowScore(submission.score, deps.settings);
  const recorded = await recordRating(deps, survey, submission, userAgent);
  if (recorded === SUPERSEDED) {
    logger.info('rating superseded', { surveyId: survey.surveyId });
    return { score: submission.score, changed: survey.status === 'rated', followUp: low };
  }
  const changed = recorded.previousScore !== undefined;
  metrics.addMetric('RatingSubmitted', MetricUnit.Count, 1);
  logger.info('rating recorded', { surveyId: survey.surveyId, score: submission.score, changed });
  const { taskToken } = recorded.survey;
  if (taskToken) await deps.workflow.releaseToken(taskToken, { score: submission.score });
  // A change follows even a high score: a case may exist (opened meanwhile by the rating
  // this one replaced) that must not keep the old score.
  if (low || changed) await deps.followRating(recorded);
  return { score: submission.score, changed, followUp: low };
};

/**
 * How long a rating keeps trying against concurrent submits of its link: 30 submits at once
 * on one token are one write after another (issue 9, item 3), which on a busy machine takes
 * longer than a person should wait; what still loses then is superseded (see submitRating).
 * A cap on the tries keeps a bug from spinning.
 */
export const RATING_BUDGET_MS = 3000;
export const RATING_MAX_TRIES = 100;
const CONFLICT_BASE_MS = 10;
const CONFLICT_CAP_MS = 200;

/**
 * A rating that lost every race against other submits of its link within its budget; the
 * page asks the person to try again (503), never a 500.
 */
export class RatingBusyError extends TryAgainError {
  constructor(surveyId: string, tries: number) {
    super(`rating of survey ${surveyId} lost ${String(tries)} races`);
    this.name = 'RatingBusyError';
  }
}

/** Full jitter: racing submits spread out instead of colliding again at the same moment. */
const conflictPause = (tries: number) =>
  new Promise((resolve) =>
    setTimeout(resolve, Math.random() * Math.min(CONFLICT_CAP_MS, CONFLICT_BASE_MS * 2 ** tries))
  );

/** A rating that lost, within its budget, only to ratings written after it came in. */
const SUPERSEDED = Symbol('superseded');

/** Writes the rating on top of the survey it read, retrying lost races on the survey returned. */
const recordRating = async (
  deps: RatingDeps,
  survey: Survey,
  submission: RatingSubmission,
  userAgent: string
): Promise<RecordedRating | typeof SUPERSEDED> => {
  const started = performance.now();
  const rating = { ...submission, submittedAt: deps.now().toISOString() };
  let read = survey;
  if (!takesRatings(read, deps.now())) throw new LinkGoneError();
  for (let tries = 1; ; tries++) {
    const outcome = await deps.attemptTransact(ratingItems(deps, read, rating, userAgent));
    if (outcome.written) return recorded(read, rating);
    const current = deps.surveys.parseReturned(outcome.current.get(0));
    // The survey's condition failed without the item: it is gone from the table.
    if (!current && !outcome.conflict) throw new LinkGoneError();
    if (current) read = current;
    if (!takesRatings(read, deps.now())) throw new LinkGoneError();
    if (performance.now() - started > RATING_BUDGET_MS || tries >= RATING_MAX_TRIES) {
      // A rating written since this one came in is a later writer: it wins over this one.
      if ((read.ratingRevision ?? 0) > (survey.ratingRevision ?? 0)) return SUPERSEDED;
      logger.warn('rating lost every race', { surveyId: survey.surveyId, tries });
      throw new RatingBusyError(survey.surveyId, tries);
    }
    if (current) continue;
    await conflictPause(tries);
  }
};

const recorded = (read: Survey, rating: RatingRecord): RecordedRating => ({
  survey: read,
  rating,
  previousScore: read.status === 'rated' ? read.score : undefined,
  revision: (read.ratingRevision ?? 0) + 1,
});

/** The score a confirmation replaces, and whether it was an inferred one (counted apart). */
const replaced = (read: Survey) => ({
  score: read.status === 'rated' ? read.score : undefined,
  inferred: read.status === 'rated' && read.ratingKind === 'inferred',
});

/** The rating's transaction on top of `read`: the survey first (its failure returns it). */
const ratingItems = (deps: RatingDeps, read: Survey, rating: RatingRecord, userAgent: string) => {
  const { revision } = recorded(read, rating);
  return [
    deps.surveys.rateItem({ read, score: rating.score, at: rating.submittedAt }),
    deps.responses.putRatingItem(read, rating, userAgent.slice(0, 256), revision),
    deps.aggregates.addItem(read, counterChanges(replaced(read), rating.score)),
  ];
};

/**
 * A first rating counts once; a change moves one count between the score buckets; the
 * confirmation of an inferred rating moves it from the inferred counters to the confirmed.
 */
const counterChanges = (previous: ReturnType<typeof replaced>, score: number) => {
  const first = { rated: 1, scoreSum: score, [scoreCounter(score)]: 1 };
  if (previous.inferred && previous.score !== undefined)
    return {
      ...first,
      inferred: -1,
      inferredScoreSum: -previous.score,
      [inferredCounter(previous.score)]: -1,
    };
  if (previous.score === undefined) return first;
  return scoreMove(previous.score, score);
};

const scoreMove = (previous: number, score: number) => {
  const deltas: Partial<Record<Counter, number>> = { scoreSum: score - previous };
  if (score !== previous) {
    deltas[scoreCounter(previous)] = -1;
    deltas[scoreCounter(score)] = 1;
  }
  return deltas;
};
