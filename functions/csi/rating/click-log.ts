/**
 * One line of a survey's click log (its `clickLog`): what a score link saw, kept as a short
 * string (`2026-12-01T10:00:00.000Z|5|b`) so that a scanner's five clicks add little to the
 * survey item. The scanner heuristics (click-verdict.ts) read them back.
 */
export interface LoggedClick {
  readonly at: Date;
  /** A GET's score (undefined: a GET without one); HEADs have none. */
  readonly score?: number | undefined;
  readonly method: 'GET' | 'HEAD';
  /** The user agent looked like a person's browser (looksLikeBrowser). */
  readonly browser: boolean;
}

/** How many lines a survey keeps: enough to see a burst of every link, bounded in bytes. */
export const CLICK_LOG_LIMIT = 12;

/**
 * A person's browser says `Mozilla/5.0 (…)` and is none of the automated agents scanners
 * and link expanders name themselves as. Headless Chrome that hides its name passes this;
 * the timing rules catch it.
 */
const AUTOMATED =
  /bot|crawl|spider|slurp|preview|scan|headless|phantom|python|curl|wget|java\/|go-http|okhttp|axios|node-fetch|libwww|httpclient|proofpoint|mimecast|barracuda|safelinks|microsoft office|ms-office|outlook-ios/i;

export const looksLikeBrowser = (userAgent: string): boolean =>
  userAgent.startsWith('Mozilla/') && !AUTOMATED.test(userAgent);

export const encodeClick = (click: LoggedClick): string =>
  [
    click.at.toISOString(),
    click.method === 'HEAD' ? 'H' : (click.score?.toString() ?? '-'),
    click.browser ? 'b' : 's',
  ].join('|');

/** The lines of a log that read back (a malformed one is skipped). */
export const decodeClicks = (lines: readonly string[] | undefined): LoggedClick[] =>
  (lines ?? []).flatMap((line): LoggedClick[] => {
    const [time = '', mark = '', agent = ''] = line.split('|');
    const at = new Date(time);
    if (Number.isNaN(at.getTime())) return [];
    const browser = agent === 'b';
    if (mark === 'H') return [{ at, method: 'HEAD', browser }];
    const score = /^[1-5]$/.test(mark) ? Number(mark) : undefined;
    return [{ at, method: 'GET', score, browser }];
  });
