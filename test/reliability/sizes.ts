/**
 * The suite's two sizes. CI (the default) keeps `npm test` short on a 2-core machine;
 * `npm run test:reliability -- --full` (OTKLIK_RELIABILITY_SIZE=full) runs the issue's
 * figures. What each proves is in docs/reliability.md.
 */
export const FULL = process.env.OTKLIK_RELIABILITY_SIZE === 'full';
export const SIZE_NAME = FULL ? 'full' : 'CI';

export const SIZES = {
  /** R3: surveys mailed through SES with 30 % of calls failing. */
  faultSurveys: FULL ? 200 : 60,
  /** R4: hostile requests (the corpus has more; CI sends every one of them too). */
  duplicateCopies: 20,
  resends: 5,
  confirmations: 30,
} as const;
