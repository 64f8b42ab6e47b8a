import { describe, expect, it } from 'vitest';
import { casePage } from '#functions/follow-up/pages/case-page.ts';
import { casePageInput } from '#test/helpers/page-inputs.ts';

describe('Page: casePage', () => {
  it('shows the case with escaped comment and named reasons', () => {
    // Act
    const page = casePage(
      casePageInput({ comment: '<i>slow</i>', reasons: ['speed', 'legacy-reason'] })
    );

    // Assess
    expect(page).toContain('<dd>&lt;i&gt;slow&lt;/i&gt;</dd>');
    expect(page).toContain('<dd>Speed, legacy-reason</dd>');
    expect(page).toContain('2025-03-12 12:00 UTC');
    expect(page).toContain('<option value="rules-policy">');
  });

  it('shows a stored reason that is no reason it knows as stored, even a name objects carry', () => {
    // Act
    const page = casePage(casePageInput({ language: 'ru', reasons: ['constructor', 'quality'] }));

    // Assess
    expect(page).toContain('<dd>constructor, Качество результата</dd>');
  });
});
