import type { DataStores } from '#shared/data/data-stores.ts';
import { AWAITING_RATING, PENDING } from '#shared/data/survey.ts';

export interface CloseSurveyDeps extends Pick<DataStores, 'surveys'> {
  readonly now: () => Date;
}

/** `{ expired: true }`, or the score when a rating won the race against the expiry. */
export type CloseSurveyResult = { readonly expired: true } | { readonly score: number };

/**
 * Ends a survey that no rating closed: `expired` when its window ran out, `failed` (with
 * the error name as reason) when a step failed for good. A survey that was rated,
 * cancelled or closed meanwhile keeps its status.
 */
export const closeSurvey = async (
  deps: CloseSurveyDeps,
  surveyId: string,
  outcome: 'expired' | 'failed',
  reason?: string
): Promise<CloseSurveyResult> => {
  const closed = await deps.surveys.transition(
    surveyId,
    outcome === 'expired' ? AWAITING_RATING : PENDING,
    outcome,
    {
      updatedAt: deps.now().toISOString(),
      statusReason: reason ?? (outcome === 'expired' ? 'no-rating' : 'unknown'),
    },
    { removeTaskToken: true }
  );
  if (closed) return { expired: true };
  const survey = await deps.surveys.get(surveyId);
  return survey.status === 'rated' && survey.score !== undefined
    ? { score: survey.score }
    : { expired: true };
};
