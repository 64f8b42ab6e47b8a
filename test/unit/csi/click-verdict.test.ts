import { describe, expect, it } from 'vitest';
import { decodeClicks, encodeClick, looksLikeBrowser } from '#functions/csi/rating/click-log.ts';
import { judgeClicks } from '#functions/csi/rating/click-verdict.ts';
import { ratingSettingsSchema } from '#shared/settings/rating-settings.ts';

const { rating } = ratingSettingsSchema.parse({});
const SENT = new Date('2026-12-01T10:00:00.000Z');
const at = (seconds: number) => new Date(SENT.getTime() + seconds * 1000);
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

const get = (seconds: number, score: number, browser = true) => ({
  at: at(seconds),
  method: 'GET' as const,
  score,
  browser,
});
const head = (seconds: number) => ({ at: at(seconds), method: 'HEAD' as const, browser: true });
const judge = (clicks: Parameters<typeof judgeClicks>[0]['clicks'], mailedAt = [SENT]) =>
  judgeClicks({ mailedAt, clicks }, rating);

describe('Function: judgeClicks', () => {
  it('takes HEAD then GET within 2 s of the send for a scanner', () => {
    expect(judge([head(1), get(2, 5)])).toEqual({ kind: 'rejected', sign: 'soon-after-send' });
  });

  it('takes a HEAD just before the GET for a scanner, however late', () => {
    expect(judge([head(600), get(601, 4)])).toEqual({ kind: 'rejected', sign: 'head-first' });
  });

  it('takes all five links clicked within 3 s for a scanner', () => {
    const burst = [1, 2, 3, 4, 5].map((score, i) => get(600 + i * 0.75, score));
    expect(judge(burst)).toEqual({ kind: 'rejected', sign: 'burst' });
  });

  it('takes every link clicked within the quiet period for a scanner, slow as it is', () => {
    const slow = [1, 2, 3, 4, 5].map((score, i) => get(600 + i * 20, score));
    expect(judge(slow)).toEqual({ kind: 'rejected', sign: 'every-link' });
  });

  it("takes a click by an agent that is no browser's for a scanner", () => {
    expect(judge([get(600, 5, false)])).toEqual({ kind: 'rejected', sign: 'not-a-browser' });
  });

  it('takes a click within a minute of the reminder for a scanner too', () => {
    const reminded = at(3 * 86400);
    expect(judge([get(3 * 86400 + 20, 5)], [SENT, reminded])).toEqual({
      kind: 'rejected',
      sign: 'soon-after-send',
    });
  });

  it('keeps one link clicked after 4 minutes as a provisional score, settled after the quiet period', () => {
    expect(judge([get(240, 4)])).toEqual({
      kind: 'provisional',
      score: 4,
      at: at(240),
      settlesAt: at(240 + 120),
    });
  });

  it('keeps the changed score, and the quiet period runs from the change', () => {
    expect(judge([get(240, 2), get(360, 4)])).toEqual({
      kind: 'provisional',
      score: 4,
      at: at(360),
      settlesAt: at(480),
    });
  });

  it("keeps a person's click that comes after a scanner's burst", () => {
    const scanner = [1, 2, 3, 4, 5].map((score, i) => get(20 + i * 0.5, score));
    expect(judge([...scanner, get(3600, 3)])).toMatchObject({ kind: 'provisional', score: 3 });
  });

  it('has nothing to judge when no score link was clicked', () => {
    expect(judge([head(600)])).toEqual({ kind: 'none' });
  });
});

describe('Function: looksLikeBrowser', () => {
  it.each([
    [CHROME, true],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
      true,
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36',
      false,
    ],
    ['python-requests/2.32', false],
    ['Mozilla/5.0 (compatible; Barracuda Sentinel)', false],
    ['', false],
  ])('%s → %s', (agent, expected) => {
    expect(looksLikeBrowser(agent)).toBe(expected);
  });
});

describe('Function: encodeClick / decodeClicks', () => {
  it('reads back what it wrote, and skips a malformed line', () => {
    const lines = [encodeClick(get(240, 4)), encodeClick(head(5)), 'not a line'];
    expect(lines.slice(0, 2)).toEqual([
      '2026-12-01T10:04:00.000Z|4|b',
      '2026-12-01T10:00:05.000Z|H|b',
    ]);
    expect(decodeClicks(lines)).toEqual([get(240, 4), head(5)]);
  });
});
