import { describe, expect, it } from 'vitest';
import { errorPage } from '#shared/layout/error-page.ts';

describe('Page: errorPage', () => {
  it.each([
    ['en', 'not-found', 'Link not found', 'Please check that the whole link was copied.'],
    [
      'en',
      'gone',
      'This survey has closed',
      'This survey has expired or was cancelled. Thank you!',
    ],
    ['ru', 'not-found', 'Ссылка не найдена', 'Проверьте, что ссылка скопирована полностью.'],
    ['ru', 'gone', 'Опрос завершён', 'Срок этого опроса истёк или он отменён. Спасибо!'],
  ] as const)('renders the %s %s page', (language, kind, title, body) => {
    // Act
    const page = errorPage(language, kind);

    // Assess
    expect(page).toContain(`<title>${title}</title>`);
    expect(page).toContain(`<h1>${title}</h1>`);
    expect(page).toContain(`<p>${body}</p>`);
    expect(page).not.toMatch(/<form|<script/i);
  });

  it('lists escaped details on a bad-request page', () => {
    // Act
    const page = errorPage('en', 'bad-request', ['score: <required>']);

    // Assess
    expect(page).toContain('<h1>Please check your answer</h1>');
    expect(page).toContain('role="alert"');
    expect(page).toContain('<li>score: &lt;required&gt;</li>');
  });
});
