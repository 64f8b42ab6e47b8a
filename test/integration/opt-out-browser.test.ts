import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations } from '../helpers/axe.ts';
import { launchChromium, phonePage } from '../helpers/chromium.ts';
import { linksIn } from './loop-helpers.ts';
import * as given from './steps/given.ts';

/**
 * The opt-out page in a real headless Chromium on a 390 px phone, over the local runtime:
 * what will happen before it happens, "stay subscribed", the opt-out (post/redirect/get:
 * a reload re-sends nothing), "you are unsubscribed" on a second visit, and the way back.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

/** The page's visible text, spaces folded. */
const textOf = async (page: Page) =>
  ((await page.textContent('main')) ?? '').replace(/\s+/g, ' ').trim();

/** Fits the phone, no script, axe clean. */
const expectPhoneReady = async (page: Page, state: string) => {
  await expectNoSeriousAxeViolations(page, `the opt-out page (${state})`);
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  expect(await page.locator('script').count()).toBe(0);
};

describe('Opt-out page in Chromium', () => {
  it('asks, lets the person stay, opts out once, says so again later, and takes it back', async () => {
    // Prepare: a Russian survey mail and its opt-out link
    const local = `optout-${randomUUID().slice(0, 8)}`;
    const { mail } = await given.aSurveyMail({
      requester: { email: `${local}@example.com`, name: 'Анна', locale: 'ru' },
    });
    const [link] = linksIn(mail, 'u');
    if (!link) throw new Error('no opt-out link in the mail');
    const { page, problems } = await phonePage(browser, 'ru-RU');

    // Act / Assess: the question says which address and which surveys, before anything happens
    await page.goto(link);
    expect(await page.textContent('h1')).toBe('Отписаться от опросов?');
    const asked = await textOf(page);
    expect(asked).toContain(`на адрес ${local.slice(0, 1)}***@example.com`);
    expect(asked).not.toContain(`${local}@example.com`);
    expect(asked).toContain('(CSI)');
    expect(asked).toContain('(NPS)');
    await expectPhoneReady(page, 'ask');

    // "Stay subscribed" changes nothing: the question comes back on the next visit
    await page.getByRole('button', { name: 'Остаться подписанным' }).click();
    await page.waitForURL(/view=stay/);
    expect(await page.textContent('h1')).toBe('Вы остаётесь подписаны');
    await expectPhoneReady(page, 'stay');
    await page.goto(link);
    expect(await page.textContent('h1')).toBe('Отписаться от опросов?');

    // The opt-out: 303 back to the link, which now says "unsubscribed", with its time in Moscow
    await page.getByRole('button', { name: 'Отписаться' }).click();
    await page.waitForSelector('h1:text("Вы отписаны")');
    expect(new URL(page.url()).pathname).toBe(new URL(link).pathname);
    const done = await textOf(page);
    expect(done).toMatch(
      /С \d{1,2} [а-я]+ \d{4} г\. в \d{2}:\d{2} \(Москва\) мы не присылаем опросы/
    );
    expect(done).not.toContain('UTC');
    await expectPhoneReady(page, 'unsubscribed');

    // A reload is a GET (the POST was redirected); a second visit shows the same, not the form
    await page.reload();
    expect(await page.textContent('h1')).toBe('Вы отписаны');
    await page.goto(link);
    expect(await page.textContent('h1')).toBe('Вы отписаны');
    expect(await page.getByRole('button', { name: 'Отписаться' }).count()).toBe(0);

    // The way back: its own confirmation, and the question again on the next visit
    await page.getByRole('button', { name: 'Снова получать опросы' }).click();
    await page.waitForURL(/view=resubscribed/);
    expect(await page.textContent('h1')).toBe('Вы снова подписаны');
    await expectPhoneReady(page, 'resubscribed');
    await page.goto(link);
    expect(await page.textContent('h1')).toBe('Отписаться от опросов?');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
