import { Z_95 } from './nps-score.ts';

/**
 * How many of a business unit's eligible people to mail so that its NPS reaches a target
 * 95 % margin of error (e.g. ±5 points), at the response rate the unit had last quarter.
 *
 *   e  = target margin ÷ 100 (NPS as a share, −1 … 1)
 *   V  = p + d − (p − d)², the variance of one answer's NPS contribution. Its largest value
 *        is 1, at p = d = 0.5 (half promoters, half detractors); the unit's real mix is not
 *        known before the campaign, so the worst case sizes the sample and the margin can
 *        only come out smaller.
 *   n₀ = z² · V ÷ e²                      answers needed from an unlimited population
 *                                          (±5 points: 1.96² · 1 ÷ 0.05² = 1,536.64)
 *   n  = n₀ ÷ (1 + (n₀ − 1) ÷ N)          the finite population correction (Cochran), N the
 *                                          unit's eligible people: answers from a large share
 *                                          of a small unit tell more
 *   m  = ⌈n ÷ r⌉                           people to mail at last quarter's response rate r
 *
 * Everyone (m = N) when m ≥ N, and when r is unknown or 0 (a first campaign, or nobody
 * answered): a sample cannot be sized without a rate, and mailing all is the seed's practice.
 */
export const WORST_CASE_VARIANCE = 1;

/** Answers needed for the margin (points), before and after the correction for N people. */
export const requiredAnswers = (
  targetMargin: number,
  population: number,
  variance = WORST_CASE_VARIANCE
): { readonly unlimited: number; readonly corrected: number } => {
  if (!(targetMargin > 0)) throw new RangeError(`not a positive margin: ${targetMargin}`);
  const e = targetMargin / 100;
  const unlimited = (Z_95 ** 2 * variance) / e ** 2;
  const corrected = population > 0 ? unlimited / (1 + (unlimited - 1) / population) : 0;
  return { unlimited, corrected };
};

export interface SampleSize {
  /** How many of the unit's eligible people are mailed. */
  readonly size: number;
  /** Why everyone is mailed, when they are. */
  readonly everyone?: 'unit-too-small' | 'no-response-rate';
}

export const sampleSize = (input: {
  /** The unit's eligible people (after the exclusions). */
  readonly population: number;
  /** Points, e.g. 5 for ±5. */
  readonly targetMargin: number;
  /** Last quarter's answered ÷ mailed for the unit, 0–1; undefined if unknown. */
  readonly responseRate: number | undefined;
}): SampleSize => {
  const { population, targetMargin, responseRate } = input;
  if (responseRate === undefined || !(responseRate > 0)) {
    return { size: population, everyone: 'no-response-rate' };
  }
  const { corrected } = requiredAnswers(targetMargin, population);
  const mailed = Math.ceil(corrected / Math.min(1, responseRate));
  return mailed >= population ? { size: population, everyone: 'unit-too-small' } : { size: mailed };
};
