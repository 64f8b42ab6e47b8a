import { describe, expect, it } from 'vitest';
import { csiWords } from '#functions/csi/words.ts';

describe('Constant: csiWords', () => {
  it.each(['ru', 'en'] as const)('names every score in %s', (lang) => {
    // Prepare
    const t = csiWords[lang];

    // Assess
    expect(t.scoreLabels).toHaveLength(5);
  });
});
