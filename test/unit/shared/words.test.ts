import { describe, expect, it } from 'vitest';
import { REASONS } from '#shared/kernel/reasons.ts';
import { sharedWords } from '#shared/layout/words.ts';

describe('Constant: sharedWords', () => {
  it.each(['ru', 'en'] as const)('names every reason in %s', (lang) => {
    // Prepare
    const t = sharedWords[lang];

    // Assess
    expect(Object.keys(t.reasons).sort()).toEqual([...REASONS].sort());
  });
});
