import { describe, expect, it } from 'vitest';
import { optOutPage } from '#functions/csi/pages/opt-out-page.ts';

describe('Page: optOutPage', () => {
  it('asks to confirm an opt-out with a form, then confirms it without one', () => {
    // Act
    const ask = optOutPage('en', false);
    const done = optOutPage('en', true);

    // Assess
    expect(ask).toContain('<form method="post">');
    expect(ask).toContain('name="confirm" value="yes"');
    expect(done).toContain('You are unsubscribed');
    expect(done).not.toContain('<form');
  });
});
