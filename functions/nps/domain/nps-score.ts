/**
 * The NPS arithmetic, decided here once: the category of a score, the NPS of a cut, its
 * 95 % margin of error and whether a change from the previous quarter is more than noise.
 *
 * - Categories: 0–6 detractor (the threshold is configurable), 7–8 passive, 9–10 promoter.
 * - NPS = 100 · (p − d), p and d the shares of promoters and detractors among n answers.
 * - Margin (trinomial, Wald): 1.96 · √((p + d − (p − d)²) / n) · 100 points. It is 0 when
 *   every answer falls in one category (p = 1, or n = 1): the formula then claims a
 *   certainty it does not have, which is why a cut below `minN` shows no NPS at all.
 * - Change: NPS now − NPS before; "significant" when its size exceeds the combined margin
 *   √(m₁² + m₂²). Why that and not m₁ + m₂: two independent quarters' estimates have the
 *   variance σ₁² + σ₂² of their difference, and each margin is 1.96 · σ, so √(m₁² + m₂²) is
 *   exactly the 95 % margin of the difference; m₁ + m₂ would call real changes noise.
 *   A change equal to the margin is "within the margin" (it must exceed it).
 */
export type NpsCategory = 'detractor' | 'passive' | 'promoter';

export const DEFAULT_DETRACTOR_THRESHOLD = 6;
export const DEFAULT_MIN_N = 30;
/** The normal quantile of a two-sided 95 % interval. */
export const Z_95 = 1.96;

export class InvalidScoreError extends Error {
  override name = 'InvalidScoreError';
}

/** The category of a 0–10 score; detractors score at most `detractorThreshold` (0–8). */
export const npsCategory = (
  score: number,
  detractorThreshold = DEFAULT_DETRACTOR_THRESHOLD
): NpsCategory => {
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new InvalidScoreError(`not an NPS score 0–10: ${score}`);
  }
  if (!Number.isInteger(detractorThreshold) || detractorThreshold < 0 || detractorThreshold > 8) {
    throw new InvalidScoreError(`not a detractor threshold 0–8: ${detractorThreshold}`);
  }
  if (score >= 9) return 'promoter';
  return score <= detractorThreshold ? 'detractor' : 'passive';
};

export interface NpsCounts {
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
}

export const answerCount = (counts: NpsCounts): number =>
  counts.promoters + counts.passives + counts.detractors;

/** NPS in points (−100 … 100), unrounded; undefined with no answers. */
export const netPromoterScore = (counts: NpsCounts): number | undefined => {
  const n = answerCount(counts);
  return n === 0 ? undefined : (100 * (counts.promoters - counts.detractors)) / n;
};

/** The 95 % margin of error in points (trinomial); undefined with no answers. */
export const npsMarginOfError = (counts: NpsCounts): number | undefined => {
  const n = answerCount(counts);
  if (n === 0) return undefined;
  const p = counts.promoters / n;
  const d = counts.detractors / n;
  // max(0, …): p + d − (p − d)² is ≥ 0 in exact arithmetic; rounding may dip below at p = 1.
  return Z_95 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n) * 100;
};

export interface NpsCut extends NpsCounts {
  readonly n: number;
  /** Answered ÷ mailed, 0–1; undefined when nobody was mailed. */
  readonly responseRate: number | undefined;
  /** Absent below minN (the counts, n and the response rate stay). */
  readonly nps?: number;
  readonly marginOfError?: number;
  /** Why there is no NPS, if there is none. */
  readonly hidden?: 'no-answers' | 'below-min-n';
}

/** A cut's figures; its NPS and margin only when it has at least `minN` answers. */
export const npsCut = (counts: NpsCounts, mailed: number, minN = DEFAULT_MIN_N): NpsCut => {
  const n = answerCount(counts);
  const base = { ...counts, n, responseRate: mailed > 0 ? n / mailed : undefined };
  if (n === 0) return { ...base, hidden: 'no-answers' };
  if (n < minN) return { ...base, hidden: 'below-min-n' };
  const nps = netPromoterScore(counts);
  const marginOfError = npsMarginOfError(counts);
  return nps === undefined || marginOfError === undefined ? base : { ...base, nps, marginOfError };
};

export type NpsChange =
  | {
      readonly comparable: true;
      readonly previousNps: number;
      /** Now − before, in points. */
      readonly change: number;
      /** √(m₁² + m₂²), in points. */
      readonly combinedMargin: number;
      readonly verdict: 'significant' | 'within-margin';
    }
  | { readonly comparable: false; readonly reason: 'no-previous' | 'hidden' };

/** The change from the previous quarter's cut to this one, and whether it is beyond noise. */
export const npsChange = (current: NpsCut, previous: NpsCut | undefined): NpsChange => {
  if (!previous) return { comparable: false, reason: 'no-previous' };
  if (
    current.nps === undefined ||
    current.marginOfError === undefined ||
    previous.nps === undefined ||
    previous.marginOfError === undefined
  ) {
    return { comparable: false, reason: 'hidden' };
  }
  const change = current.nps - previous.nps;
  const combinedMargin = Math.hypot(current.marginOfError, previous.marginOfError);
  return {
    comparable: true,
    previousNps: previous.nps,
    change,
    combinedMargin,
    verdict: Math.abs(change) > combinedMargin ? 'significant' : 'within-margin',
  };
};
