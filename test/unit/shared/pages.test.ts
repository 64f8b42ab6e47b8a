import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { htmlResponse, PAGE_CSP, renderPage } from '#shared/layout/page-layout.ts';
import {
  casePage,
  caseResolvedPage,
  errorPage,
  optOutPage,
  ratingPage,
  thankYouPage,
  type RatingPageInput,
} from '#shared/layout/pages.ts';
import { html } from '#shared/kernel/html.ts';

const rating = (overrides: Partial<RatingPageInput> = {}) =>
  ratingPage({
    language: 'en',
    ticketNumber: 'INC-1001',
    title: 'Payroll correction',
    ...overrides,
  });

/** Every `<input …>` tag of a page. */
const inputs = (page: string) => [...page.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]);
const styleOf = (page: string) => /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
const cspStyleHash = () => /style-src 'sha256-([A-Za-z0-9+/=]+)'/.exec(PAGE_CSP)?.[1];
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

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

describe('Page: layout and CSP', () => {
  it('names one style hash in the CSP and allows no script', () => {
    // Assess
    expect(PAGE_CSP).toContain("default-src 'none'");
    expect(PAGE_CSP).not.toContain('script-src');
    expect(PAGE_CSP).not.toContain('unsafe-inline');
    expect(cspStyleHash()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('carries the stylesheet of the pages in its <style>', () => {
    // Act
    const style = styleOf(rating());

    // Assess
    expect(style).toContain('.scores input:checked+label');
    expect(style).toContain('.errors{');
  });

  it('carries a <style> whose exact text has the hash the CSP names', () => {
    // Act
    const style = styleOf(rating());

    // Assess: browsers hash the element's text as it is, whitespace included
    expect(sha256(style)).toBe(cspStyleHash());
    expect(sha256(style.trim())).not.toBe(cspStyleHash()); // the check sees whitespace
  });

  it.each([
    ['the rating page', rating({ score: 2, comment: 'x', errors: ['score: required'] })],
    ['the thank-you page', thankYouPage('ru', 2, true)],
    ['an error page', errorPage('en', 'gone')],
    ['the opt-out page', optOutPage('en', false)],
    [
      'the case page',
      casePage({
        language: 'en',
        ticketNumber: 'INC-1001',
        score: 2,
        comment: '',
        reasons: [],
        dueAt: '2025-03-12T12:00:00.000Z',
        status: 'open',
      }),
    ],
    ['the case-resolved page', caseResolvedPage('en')],
  ])('gives %s exactly one <style>, the one the CSP allows', (_label, page) => {
    // Assess
    expect(page.match(/<style\b/g)).toHaveLength(1);
    expect(sha256(styleOf(page))).toBe(cspStyleHash());
  });

  it('serves pages with the CSP and no caching', () => {
    // Act
    const response = htmlResponse(200, renderPage('en', 'T', html`<p>x</p>`));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    expect(response.body).toContain('<p>x</p>');
  });

  it('turns off the powerful browser features the pages never use', () => {
    // Act
    const response = htmlResponse(404, renderPage('en', 'T', html``));

    // Assess
    const policy = String(response.headers?.['permissions-policy'] ?? '');
    const features = Object.fromEntries(
      policy.split(',').map((entry) => entry.trim().split('=') as [string, string])
    );
    expect(Object.keys(features)).toEqual(
      expect.arrayContaining(['camera', 'microphone', 'geolocation', 'payment', 'usb'])
    );
    for (const allowlist of Object.values(features)) expect(allowlist).toBe('()');
    expect(response.statusCode).toBe(404);
  });

  it('escapes the page title', () => {
    // Act
    const page = renderPage('en', '<T & T>', html``);

    // Assess
    expect(page).toContain('<title>&lt;T &amp; T&gt;</title>');
  });
});

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

describe('Page: other pages', () => {
  it('thanks with the score and promises a follow-up for a low one', () => {
    // Act
    const low = thankYouPage('en', 2, true);
    const high = thankYouPage('en', 5, false);

    // Assess
    expect(low).toContain('<strong>2</strong>');
    expect(low).toContain('We will look into what went wrong');
    expect(high).not.toContain('We will look into what went wrong');
  });

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

  it('shows the case with escaped comment and named reasons', () => {
    // Act
    const page = casePage({
      language: 'en',
      ticketNumber: 'INC-1001',
      score: 2,
      comment: '<i>slow</i>',
      reasons: ['speed', 'legacy-reason'],
      dueAt: '2025-03-12T12:00:00.000Z',
      status: 'open',
    });

    // Assess
    expect(page).toContain('<dd>&lt;i&gt;slow&lt;/i&gt;</dd>');
    expect(page).toContain('<dd>Speed, legacy-reason</dd>');
    expect(page).toContain('2025-03-12 12:00 UTC');
    expect(page).toContain('<option value="rules-policy">');
  });
});
