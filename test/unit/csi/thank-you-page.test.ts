import { describe, expect, it } from 'vitest';
import { thankYouPage } from '#functions/csi/pages/thank-you-page.ts';

describe('Page: thankYouPage', () => {
  it('thanks with the score and promises a follow-up for a low one', () => {
    // Act
    const low = thankYouPage('en', 2, true);
    const high = thankYouPage('en', 5, false);

    // Assess
    expect(low).toContain('<strong>2</strong>');
    expect(low).toContain('We will look into what went wrong');
    expect(high).not.toContain('We will look into what went wrong');
  });
});
