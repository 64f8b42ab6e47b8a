import { describe, expect, it } from 'vitest';
import { durationSeconds, InvalidDurationError, isDuration } from '#shared/kernel/duration.ts';

describe('Function: durationSeconds', () => {
  it.each([
    ['PT10M', 600],
    ['P3D', 3 * 86400],
    ['P1DT12H', 36 * 3600],
    ['PT0S', 0],
    ['P2W', 14 * 86400],
    ['PT1H30M15S', 5415],
    ['P1W2DT3H4M5S', 9 * 86400 + 3 * 3600 + 4 * 60 + 5],
  ])('reads %s as %i seconds', (text, seconds) => {
    // Act
    const result = durationSeconds(text);

    // Assess
    expect(result).toBe(seconds);
  });

  it.each([
    ['P1M'],
    ['P1Y'],
    ['P'],
    ['PT'],
    ['P1DT'],
    [''],
    ['10M'],
    ['PT1.5S'],
    ['pt10m'],
    ['-PT1S'],
  ])('rejects %j', (text) => {
    // Act
    const read = () => durationSeconds(text);

    // Assess
    expect(read).toThrow(InvalidDurationError);
  });

  it('names the refused text in the error', () => {
    // Act
    const read = () => durationSeconds('P1M');

    // Assess
    expect(read).toThrow('not a fixed-length ISO-8601 duration: P1M');
  });
});

describe('Function: isDuration', () => {
  it('tells valid from invalid durations without throwing', () => {
    // Act
    const results = [isDuration('PT5S'), isDuration('P1M'), isDuration('PT')];

    // Assess
    expect(results).toEqual([true, false, false]);
  });
});
