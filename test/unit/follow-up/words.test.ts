import { describe, expect, it } from 'vitest';
import { ROOT_CAUSES } from '#functions/follow-up/root-causes.ts';
import { casePageWords } from '#functions/follow-up/pages/case-page-words.ts';

describe('Constant: casePageWords', () => {
  it.each(['ru', 'en'] as const)('names every root cause in %s', (lang) => {
    // Prepare
    const t = casePageWords[lang];

    // Assess
    expect(Object.keys(t.rootCauses).sort()).toEqual([...ROOT_CAUSES].sort());
  });
});
