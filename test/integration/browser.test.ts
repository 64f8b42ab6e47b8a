import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, phonePage } from '../helpers/chromium.ts';
import { runtime } from './clients.ts';
import * as given from './steps/given.ts';
import { expectNoSeriousAxeViolations } from '../helpers/axe.ts';

/**
 * The rating page in a real headless Chromium (Debian's package, driven by playwright-core):
 * on a phone-sized screen, by keyboard, with no script on the page, and with the
 * stylesheet actually allowed by the CSP. The case page: case-page-browser.test.ts.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

// Evaluated in the page (strings: this project's TypeScript has no DOM library).
const backgroundOf = (page: Page, selector: string) =>
  page.evaluate(
    `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).backgroundColor`
  );

describe('Pages in Chromium', () => {
  it('rates by keyboard on a phone: chosen score, reasons, comment, thank-you page', async () => {
    // Prepare: a survey mail, and its "2" link opened in the browser.
    const { ratingLinks } = await given.aSurveyMail({
      requester: { email: `browser-${Date.now()}@example.com`, name: 'Анна', locale: 'ru' },
    });
    const link = ratingLinks.find((l) => l.endsWith('score=2'));
    const { page, problems } = await phonePage(browser, 'ru-RU');

    // Act
    await page.goto(link!);

    // Assess the page as opened from the mail.
    expect(await page.isChecked('#score-2')).toBe(true);
    expect(await page.locator('script').count()).toBe(0);
    expect(await backgroundOf(page, 'button[type=submit]')).toBe('rgb(37, 99, 235)');
    expect(await page.isVisible('fieldset.reasons')).toBe(true);
    for (const id of ['score-1', 'score-2', 'score-3', 'score-4', 'score-5', 'comment']) {
      expect(await page.$(`label[for="${id}"]`), id).not.toBeNull();
    }
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await expectNoSeriousAxeViolations(page, 'the rating page');

    // Choosing a 5 hides the reasons (CSS only), choosing a 3 brings them back.
    await page.focus('#score-2');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.isChecked('#score-5')).toBe(true);
    expect(await page.isVisible('fieldset.reasons')).toBe(false);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await page.isChecked('#score-3')).toBe(true);
    expect(await page.isVisible('fieldset.reasons')).toBe(true);

    await page.check('input[name=reasons][value=speed]');
    await page.fill('#comment', 'Ответ пришёл через три дня');
    await page.screenshot({ path: 'test-results/rating-page.png', fullPage: true });
    await page.focus('button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('h1');

    expect(await page.textContent('h1')).toContain('Спасибо');
    expect(await page.textContent('main')).toContain('3');
    await expectNoSeriousAxeViolations(page, 'the thank-you page');

    // Post/Redirect/Get: the thank-you page is a GET of its own address, so a reload re-sends nothing.
    expect(new URL(page.url()).search).toBe('?thanks=1');
    const reloaded = await page.reload();
    expect(reloaded?.request().method()).toBe('GET');
    expect(await page.textContent('h1')).toContain('Спасибо');

    // A later visit of a mail link says the rating counted, and offers to change it.
    await page.goto(link!);
    expect(await page.textContent('main')).toContain('Ваша оценка 3 учтена.');
    await expectNoSeriousAxeViolations(page, 'the rating page of a rated survey');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('says what is wrong with a form in Russian, in words a person understands', async () => {
    // Prepare: the page without a score chosen, the browser's own checks taken off (a
    // browser without them, or a hand-made request, reaches the server's)
    const { ratingPage } = await given.aSurveyMail({
      requester: { email: `browser-ru-${Date.now()}@example.com`, name: 'Анна', locale: 'ru' },
    });
    const { page, problems } = await phonePage(browser, 'ru-RU');
    await page.goto(ratingPage);
    await page.evaluate(
      "document.querySelectorAll('[required]').forEach((e) => e.removeAttribute('required'))"
    );

    // Act
    await page.click('button[type=submit]');
    await page.waitForSelector('[role=alert]');

    // Assess
    const alert = await page.textContent('[role=alert]');
    expect(alert).toContain('Выберите оценку от 1 до 5.');
    expect(alert).not.toMatch(/score|Invalid/);
    await expectNoSeriousAxeViolations(page, 'the rating page with its errors');
    // Chromium's console line for the 400 answer itself is expected.
    const answered400 = (p: string) =>
      p.startsWith('Failed to load resource: the server responded with a status of 400 (');
    expect(problems.filter((p) => !answered400(p))).toEqual([]);
    await page.context().close();
  });

  it('answers an unknown link with a readable Russian page, no stack trace', async () => {
    // Prepare
    const { page, problems } = await phonePage(browser, 'ru-RU');

    // Act: a link that was never issued (a mistyped or truncated one)
    const response = await page.goto(`${runtime.apiUrl}/r/${'A'.repeat(32)}`);

    // Assess
    expect(response?.status()).toBe(404);
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await page.textContent('main')).not.toMatch(/Error|at \w+ \(/);
    await expectNoSeriousAxeViolations(page, 'the error page');
    const answered404 = (p: string) =>
      p.startsWith('Failed to load resource: the server responded with a status of 404 (');
    expect(problems.filter((p) => !answered404(p))).toEqual([]);
    await page.context().close();
  });
});
