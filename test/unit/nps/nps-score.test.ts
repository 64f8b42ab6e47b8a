import { describe, expect, it } from 'vitest';
import {
  InvalidScoreError,
  netPromoterScore,
  npsCategory,
  npsChange,
  npsCut,
  npsMarginOfError,
} from '#functions/nps/domain/nps-score.ts';

describe('Rules: NPS arithmetic', () => {
  it.each([
    [0, 'detractor'],
    [6, 'detractor'],
    [7, 'passive'],
    [8, 'passive'],
    [9, 'promoter'],
    [10, 'promoter'],
  ] as const)('puts %i among the %ss by default', (score, category) => {
    // Assess
    expect(npsCategory(score)).toBe(category);
  });

  it('moves the detractor line with the threshold, never the promoters', () => {
    // Assess
    expect(npsCategory(4, 4)).toBe('detractor');
    expect(npsCategory(5, 4)).toBe('passive');
    expect(npsCategory(8, 8)).toBe('detractor');
    expect(npsCategory(9, 8)).toBe('promoter');
  });

  it.each([[-1], [11], [6.5], [Number.NaN]])('refuses the score %s', (score) => {
    // Assess
    expect(() => npsCategory(score)).toThrow(InvalidScoreError);
  });

  it('refuses a threshold that would swallow promoters', () => {
    // Assess
    expect(() => npsCategory(5, 9)).toThrow(InvalidScoreError);
  });

  it('computes NPS and its margin for 150 answers, half promoters and a fifth detractors', () => {
    // Arrange: p = 0.5, d = 0.2.
    const counts = { promoters: 75, passives: 45, detractors: 30 };

    // Act
    const nps = netPromoterScore(counts);
    const margin = npsMarginOfError(counts);

    // Assess: 100 · (0.5 − 0.2) = 30; 1.96 · √((0.7 − 0.09) / 150) · 100 = 1.96 · 0.063770 · 100.
    expect(nps).toBe(30);
    expect(margin).toBeCloseTo(12.499, 3);
  });

  it('gives the same mix at n = 100 a wider margin', () => {
    // Assess: 1.96 · √(0.61 / 100) · 100 = 1.96 · 0.078102 · 100 = 15.308.
    expect(npsMarginOfError({ promoters: 50, passives: 30, detractors: 20 })).toBeCloseTo(
      15.308,
      3
    );
  });

  it('gives p = 1 an NPS of 100 and a margin of 0', () => {
    // Arrange
    const counts = { promoters: 40, passives: 0, detractors: 0 };

    // Assess: p + d − (p − d)² = 1 + 0 − 1 = 0.
    expect(netPromoterScore(counts)).toBe(100);
    expect(npsMarginOfError(counts)).toBe(0);
  });

  it('gives n = 1 a margin of 0, and n = 2 split the largest one', () => {
    // Assess: one detractor: d = 1, 1 − 1 = 0. One of each: p = d = 0.5, 1 − 0 = 1,
    // 1.96 · √(1/2) · 100 = 138.593.
    expect(netPromoterScore({ promoters: 0, passives: 0, detractors: 1 })).toBe(-100);
    expect(npsMarginOfError({ promoters: 0, passives: 0, detractors: 1 })).toBe(0);
    expect(npsMarginOfError({ promoters: 1, passives: 0, detractors: 1 })).toBeCloseTo(138.593, 3);
  });

  it('has no NPS and no margin without answers', () => {
    // Assess
    expect(netPromoterScore({ promoters: 0, passives: 0, detractors: 0 })).toBeUndefined();
    expect(npsMarginOfError({ promoters: 0, passives: 0, detractors: 0 })).toBeUndefined();
  });

  describe('cut', () => {
    it('hides the NPS below min-n but keeps n, the counts and the response rate', () => {
      // Act: 29 answers of 100 mailed, min-n 30.
      const cut = npsCut({ promoters: 20, passives: 5, detractors: 4 }, 100);

      // Assess
      expect(cut).toEqual({
        promoters: 20,
        passives: 5,
        detractors: 4,
        n: 29,
        responseRate: 0.29,
        hidden: 'below-min-n',
      });
    });

    it('shows the NPS and margin from min-n on', () => {
      // Act: 30 answers, 18 promoters and 6 detractors: p = 0.6, d = 0.2.
      const cut = npsCut({ promoters: 18, passives: 6, detractors: 6 }, 120, 30);

      // Assess: NPS 40; 1.96 · √((0.8 − 0.16) / 30) · 100 = 1.96 · 0.146059 · 100 = 28.628.
      expect(cut.n).toBe(30);
      expect(cut.responseRate).toBe(0.25);
      expect(cut.nps).toBeCloseTo(40, 10);
      expect(cut.marginOfError).toBeCloseTo(28.628, 3);
      expect(cut.hidden).toBeUndefined();
    });

    it('hides one answer at the default min-n, and shows it at min-n 1', () => {
      // Assess
      expect(npsCut({ promoters: 1, passives: 0, detractors: 0 }, 4).hidden).toBe('below-min-n');
      expect(npsCut({ promoters: 1, passives: 0, detractors: 0 }, 4, 1)).toMatchObject({
        n: 1,
        responseRate: 0.25,
        nps: 100,
        marginOfError: 0,
      });
    });

    it('says there are no answers, and has no response rate when nobody was mailed', () => {
      // Assess
      expect(npsCut({ promoters: 0, passives: 0, detractors: 0 }, 10)).toMatchObject({
        n: 0,
        responseRate: 0,
        hidden: 'no-answers',
      });
      expect(npsCut({ promoters: 0, passives: 0, detractors: 0 }, 0).responseRate).toBeUndefined();
    });
  });

  describe('change from the previous quarter', () => {
    // NPS 30 ± 12.499 (above).
    const current = npsCut({ promoters: 75, passives: 45, detractors: 30 }, 500);

    it('calls a change no larger than the combined margin within the margin', () => {
      // Arrange: p = 0.4, d = 0.3, n = 100: NPS 10, 1.96 · √((0.7 − 0.01) / 100) · 100 = 16.281.
      const previous = npsCut({ promoters: 40, passives: 30, detractors: 30 }, 400);

      // Act
      const change = npsChange(current, previous);

      // Assess: +20 against √(12.499² + 16.281²) = √(156.23 + 265.07) = 20.525.
      expect(change).toMatchObject({ comparable: true, previousNps: 10, verdict: 'within-margin' });
      expect(change.comparable && change.change).toBeCloseTo(20, 10);
      expect(change.comparable && change.combinedMargin).toBeCloseTo(20.525, 3);
    });

    it('calls a larger change significant, up or down', () => {
      // Arrange: p = d = 0.35, n = 100: NPS 0, 1.96 · √(0.7 / 100) · 100 = 16.399.
      const previous = npsCut({ promoters: 35, passives: 30, detractors: 35 }, 400);

      // Act
      const up = npsChange(current, previous);
      const down = npsChange(previous, current);

      // Assess: ±30 against √(12.499² + 16.399²) = 20.619.
      expect(up).toMatchObject({ comparable: true, verdict: 'significant' });
      expect(up.comparable && up.change).toBeCloseTo(30, 10);
      expect(up.comparable && up.combinedMargin).toBeCloseTo(20.619, 3);
      expect(down).toMatchObject({ comparable: true, verdict: 'significant' });
      expect(down.comparable && down.change).toBeCloseTo(-30, 10);
    });

    it('compares nothing without a previous quarter or when either NPS is hidden', () => {
      // Arrange
      const small = npsCut({ promoters: 5, passives: 0, detractors: 0 }, 10);

      // Assess
      expect(npsChange(current, undefined)).toEqual({ comparable: false, reason: 'no-previous' });
      expect(npsChange(current, small)).toEqual({ comparable: false, reason: 'hidden' });
      expect(npsChange(small, current)).toEqual({ comparable: false, reason: 'hidden' });
    });
  });
});
