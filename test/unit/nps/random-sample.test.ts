import { describe, expect, it } from 'vitest';
import { randomSample } from '#functions/nps/domain/random-sample.ts';

describe('Rules: random sample', () => {
  it('swaps each picked item to the front (Fisher–Yates)', () => {
    // Arrange
    const items = ['a', 'b', 'c', 'd'];

    // Act: 0.99 picks the last of the rest each time: i=0 ↔ 3, then i=1 ↔ 3.
    const sample = randomSample(items, 2, () => 0.99);

    // Assess
    expect(sample).toEqual(['d', 'a']);
    expect(items).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps the order when the random source always says 0', () => {
    // Assess
    expect(randomSample([1, 2, 3, 4, 5], 3, () => 0)).toEqual([1, 2, 3]);
  });

  it('gives all items when asked for more, none when asked for none', () => {
    // Assess
    expect(randomSample(['x', 'y'], 5, () => 0.5).sort()).toEqual(['x', 'y']);
    expect(randomSample(['x', 'y'], 0)).toEqual([]);
  });

  it('never repeats an item', () => {
    // Arrange
    const items = Array.from({ length: 50 }, (_, i) => i);

    // Act
    const sample = randomSample(items, 20);

    // Assess
    expect(new Set(sample).size).toBe(20);
    expect(sample.every((item) => items.includes(item))).toBe(true);
  });
});
