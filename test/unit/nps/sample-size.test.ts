import { describe, expect, it } from 'vitest';
import { requiredAnswers, sampleSize } from '#functions/nps/domain/sample-size.ts';

describe('Rules: NPS sample size', () => {
  it('needs 1,536.64 answers for ±5 points at the worst-case variance', () => {
    // Act
    const needed = requiredAnswers(5, 10_000);

    // Assess: 1.96² · 1 / 0.05² = 3.8416 / 0.0025; corrected 1536.64 / (1 + 1535.64 / 10000).
    expect(needed.unlimited).toBeCloseTo(1536.64, 6);
    expect(needed.corrected).toBeCloseTo(1332.0804, 3);
  });

  it('agrees with the reference figure of ≈ 940 answers at a variance of 0.61', () => {
    // Assess: 3.8416 · 0.61 / 0.0025 = 937.35.
    expect(requiredAnswers(5, 1e9, 0.61).unlimited).toBeCloseTo(937.35, 2);
  });

  it('mails the answers needed divided by last quarter’s response rate', () => {
    // Act
    const size = sampleSize({ population: 10_000, targetMargin: 5, responseRate: 0.35 });

    // Assess: ⌈1332.0804 / 0.35⌉ = ⌈3805.94⌉.
    expect(size).toEqual({ size: 3806 });
  });

  it('needs fewer for a wider margin', () => {
    // Act
    const size = sampleSize({ population: 100_000, targetMargin: 10, responseRate: 0.4 });

    // Assess: n₀ = 3.8416 / 0.01 = 384.16; 384.16 / (1 + 383.16 / 100000) = 382.694; / 0.4 = 956.73.
    expect(size).toEqual({ size: 957 });
  });

  it('mails everyone when the unit is smaller than the sample', () => {
    // Act: 1536.64 / (1 + 1535.64 / 2000) = 869.22 answers, / 0.35 = 2483.5 > 2000.
    const size = sampleSize({ population: 2000, targetMargin: 5, responseRate: 0.35 });

    // Assess
    expect(size).toEqual({ size: 2000, everyone: 'unit-too-small' });
  });

  it.each([[undefined], [0]])('mails everyone at a response rate of %s', (responseRate) => {
    // Assess
    expect(sampleSize({ population: 50_000, targetMargin: 5, responseRate })).toEqual({
      size: 50_000,
      everyone: 'no-response-rate',
    });
  });

  it('refuses a margin that is not positive', () => {
    // Assess
    expect(() => requiredAnswers(0, 100)).toThrow(RangeError);
  });
});
