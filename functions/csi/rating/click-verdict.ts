import { durationSeconds } from '#shared/kernel/duration.ts';
import type { RatingSettings } from '#shared/settings/rating-settings.ts';
import type { LoggedClick } from './click-log.ts';

/** Why a click was taken for a scanner's (docs/rating.md gives each rule's evidence). */
export type ScannerSign =
  'not-a-browser' | 'soon-after-send' | 'head-first' | 'burst' | 'every-link';

export type ClickVerdict =
  /** No score link was clicked. */
  | { readonly kind: 'none' }
  /** A person's click: its score, promotable once `settlesAt` has passed with no other. */
  | {
      readonly kind: 'provisional';
      readonly score: number;
      readonly at: Date;
      readonly settlesAt: Date;
    }
  /** Score links were clicked, every click a scanner's. */
  | { readonly kind: 'rejected'; readonly sign: ScannerSign };

export interface ClickHistory {
  /** When its mails went: the invitation and, if any, the reminder (scanners fetch each). */
  readonly mailedAt: readonly Date[];
  readonly clicks: readonly LoggedClick[];
}

type Thresholds = Pick<
  RatingSettings,
  'notBefore' | 'afterHead' | 'burstWindow' | 'burstLinks' | 'quietPeriod'
>;

const ms = (duration: string) => durationSeconds(duration) * 1000;

/** Different scores among the score clicks within `windowMs` either side of `at`. */
const scoresAround = (clicks: readonly LoggedClick[], at: Date, windowMs: number) =>
  new Set(
    clicks.filter((c) => Math.abs(c.at.getTime() - at.getTime()) <= windowMs).map((c) => c.score)
  ).size;

/**
 * The one place the scanner heuristics are decided. Each score click is a scanner's when
 * any rule holds, checked in this order:
 * 1. its user agent is no browser's;
 * 2. it came within `notBefore` of a mail (scanners fetch within seconds of delivery);
 * 3. a HEAD came up to `afterHead` before it (scanners send HEAD, then GET);
 * 4. `burstLinks` different scores were clicked within `burstWindow` of it;
 * 5. all five scores were clicked within `quietPeriod` of it ("clicked every link").
 * The last click no rule caught is the provisional score: a later click of a person replaces
 * an earlier one (a changed mind), and the quiet period runs from the last.
 */
export const judgeClicks = (history: ClickHistory, thresholds: Thresholds): ClickVerdict => {
  const scored = history.clicks
    .filter((c) => c.method === 'GET' && c.score !== undefined)
    .toSorted((a, b) => a.at.getTime() - b.at.getTime());
  if (scored.length === 0) return { kind: 'none' };
  const heads = history.clicks.filter((c) => c.method === 'HEAD');
  const signOf = (click: LoggedClick): ScannerSign | undefined => {
    const t = click.at.getTime();
    if (!click.browser) return 'not-a-browser';
    if (
      history.mailedAt.some((m) => t >= m.getTime() && t - m.getTime() < ms(thresholds.notBefore))
    )
      return 'soon-after-send';
    if (heads.some((h) => t >= h.at.getTime() && t - h.at.getTime() <= ms(thresholds.afterHead)))
      return 'head-first';
    if (scoresAround(scored, click.at, ms(thresholds.burstWindow)) >= thresholds.burstLinks)
      return 'burst';
    if (scoresAround(scored, click.at, ms(thresholds.quietPeriod)) >= 5) return 'every-link';
    return undefined;
  };
  const signs = scored.map((click) => ({ click, sign: signOf(click) }));
  const person = signs.filter((s) => s.sign === undefined).at(-1)?.click;
  if (person?.score !== undefined)
    return {
      kind: 'provisional',
      score: person.score,
      at: person.at,
      settlesAt: new Date(person.at.getTime() + ms(thresholds.quietPeriod)),
    };
  return { kind: 'rejected', sign: signs[0]?.sign ?? 'not-a-browser' };
};
