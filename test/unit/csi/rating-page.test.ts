import { describe, expect, it } from 'vitest';
import { ratingPage, type RatingPageInput } from '#functions/csi/pages/rating-page.ts';

const rating = (overrides: Partial<RatingPageInput> = {}) =>
  ratingPage({
    language: 'en',
    ticketNumber: 'INC-1001',
    title: 'Payroll correction',
    ...overrides,
  });

/** Every `<input …>` tag of a page. */
const inputs = (page: string) => [...page.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]);

describe('Page: ratingPage', () => {
  it('checks the chosen score and no other', () => {
    // Act
    const page = rating({ score: 4 });

    // Assess
    const radios = inputs(page).filter((tag) => tag.includes('type="radio"'));
    expect(radios).toHaveLength(5);
    const checked = radios.filter((tag) => /\schecked\b/.test(tag));
    expect(checked).toHaveLength(1);
    expect(checked[0]).toContain('value="4"');
  });

  it('checks no score when none was chosen', () => {
    // Act
    const page = rating();

    // Assess
    expect(inputs(page).some((tag) => /\schecked\b/.test(tag))).toBe(false);
  });

  it('checks the reasons given before', () => {
    // Act
    const page = rating({ reasons: ['speed', 'other'] });

    // Assess
    const checked = inputs(page)
      .filter((tag) => tag.includes('type="checkbox"') && /\schecked\b/.test(tag))
      .map((tag) => /value="([^"]*)"/.exec(tag)?.[1]);
    expect(checked).toEqual(['speed', 'other']);
  });

  it('labels every input and the comment box', () => {
    // Act
    const page = rating();

    // Assess
    for (const score of [1, 2, 3, 4, 5]) {
      expect(page).toContain(`id="score-${score}"`);
      expect(page).toContain(`<label for="score-${score}"`);
    }
    // A checkbox has no id: it is labelled by the label that wraps it.
    const checkboxes = [...page.matchAll(/<label\s*><input\s+type="checkbox"/g)];
    expect(checkboxes).toHaveLength(inputs(page).filter((t) => t.includes('checkbox')).length);
    expect(checkboxes).toHaveLength(6);
    expect(page).toContain('<label class="block" for="comment">');
    expect(page).toContain('<textarea id="comment"');
  });

  it('contains no script', () => {
    // Act
    const page = rating({ comment: 'fine' });

    // Assess
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/\son[a-z]+=/i);
  });

  it('escapes the comment, the title and the errors', () => {
    // Act
    const page = rating({
      comment: '</textarea><script>alert(1)</script>',
      title: '<b>bold</b>',
      errors: ['score: <bad>'],
    });

    // Assess
    expect(page).toContain('&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
    expect(page).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(page).toContain('<li>score: &lt;bad&gt;</li>');
    expect(page).not.toMatch(/<script/i);
  });

  it('speaks Russian when asked', () => {
    // Act
    const page = rating({ language: 'ru' });

    // Assess
    expect(page).toContain('<html lang="ru">');
    expect(page).toContain('Оценка запроса');
    expect(page).toContain('Отправить оценку');
  });
});
