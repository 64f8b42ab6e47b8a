import type { DataStores } from '#shared/data/data-stores.ts';
import { AWAITING_RATING, PENDING, type Survey } from '#shared/data/survey.ts';
import { settleClicks, type SettleClicksDeps } from '../rating/settle-clicks.service.ts';

export interface CloseSurveyDeps extends Pick<DataStores, 'surveys'>, SettleClicksDeps {
  readonly now: () => Date;
}

/** `{ expired: true }`, or the score when a rating won the race against the expiry. */
export type CloseSurveyResult = { readonly expired: true } | { readonly score: number };

/**
 * Ends a survey that no rating closed: `expired` when its window ran out, `failed` (with
 * the error name as reason) when a step failed for good. A survey that was rated,
 * cancelled or closed meanwhile keeps its status. Before expiring, its clicks are settled
 * (settleClicks): a person's click becomes an inferred rating, scanners' clicks only are
 * counted as such.
 */
export const closeSurvey = async (
  deps: CloseSurveyDeps,
  surveyId: string,
  outcome: 'expired' | 'failed',
  reason?: string
): Promise<CloseSurveyResult> => {
  if (outcome === 'expired') {
    // The common case (no click) stays one write; a clicked survey is read and settled.
    if (await expire(deps, surveyId, true)) return { expired: true };
    const read = await deps.surveys.get(surveyId);
    if (!AWAITING_RATING.includes(read.status)) return resultOf(read);
    const settled = await settleClicks(deps, read, true);
    if (settled.outcome === 'inferred') return { score: settled.score };
    if (settled.outcome === 'rejected') return { expired: true };
    if (await expire(deps, surveyId, false)) return { expired: true };
    return afterTheRace(deps, surveyId);
  }
  const closed = await deps.surveys.transition(
    surveyId,
    PENDING,
    'failed',
    { updatedAt: deps.now().toISOString(), statusReason: reason ?? 'unknown' },
    { removeTaskToken: true }
  );
  if (closed) return { expired: true };
  return afterTheRace(deps, surveyId);
};

const expire = (deps: CloseSurveyDeps, surveyId: string, unclicked: boolean) =>
  deps.surveys.transition(
    surveyId,
    AWAITING_RATING,
    'expired',
    { updatedAt: deps.now().toISOString(), statusReason: 'no-rating' },
    { removeTaskToken: true, unclicked }
  );

/** What a survey the close did not change is: its score when a rating won the race. */
const afterTheRace = async (
  deps: CloseSurveyDeps,
  surveyId: string
): Promise<CloseSurveyResult> => {
  return resultOf(await deps.surveys.get(surveyId));
};

const resultOf = (survey: Survey): CloseSurveyResult =>
  survey.status === 'rated' && survey.score !== undefined
    ? { score: survey.score }
    : { expired: true };
