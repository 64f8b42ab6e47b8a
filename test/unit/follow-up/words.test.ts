import { describe, expect, it } from 'vitest';
import { ROOT_CAUSES } from '#functions/follow-up/root-causes.ts';
import { followUpWords } from '#functions/follow-up/words.ts';

describe('Constant: followUpWords', () => {
  it.each(['ru', 'en'] as const)('names every root cause in %s', (lang) => {
    // Prepare
    const t = followUpWords[lang];

    // Assess
    expect(Object.keys(t.rootCauses).sort()).toEqual([...ROOT_CAUSES].sort());
  });
});
