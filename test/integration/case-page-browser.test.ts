import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linksIn } from './loop-helpers.ts';
import { expectNoSeriousAxeViolations } from '../helpers/axe.ts';
import { launchChromium, phonePage as phonePageIn } from '../helpers/chromium.ts';
import * as given from './steps/given.ts';
import * as then from './steps/then.ts';

/**
 * The case page in a real headless Chromium on a 390 px phone, over the local runtime:
 * each state (open, in progress with a note, resolved), the Russian validation message
 * with the form kept, post/redirect/get (a reload re-sends nothing), reassignment.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});

/** A 390 px phone page (an English browser: the page is in the SSC's language all the same). */
const phonePage = () => phonePageIn(browser, 'en-GB');

// Evaluated in the page (strings: this project's TypeScript has no DOM library).
const pageWidth = (page: Page) => page.evaluate('document.documentElement.scrollWidth');
/** The smallest computed font size of any text on the page, in px. */
const smallestText = (page: Page) =>
  page.evaluate(`Math.min(...[...document.querySelectorAll('main *')]
    .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
    .map((e) => parseFloat(getComputedStyle(e).fontSize)))`);

/** Fits the phone, no script, no text under 14 px, every field labelled, axe clean. */
const expectPhoneReady = async (page: Page) => {
  await expectNoSeriousAxeViolations(page, page.url());
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  expect(await page.locator('script').count()).toBe(0);
  expect(await smallestText(page)).toBeGreaterThanOrEqual(14);
  for (const field of await page.locator('main textarea, main select, main input[id]').all()) {
    const id = await field.getAttribute('id');
    expect(await page.locator(`label[for="${id}"]`).count(), `label for ${id}`).toBe(1);
  }
};

/** Chromium's console line for a page answered with `status` (a 400 form, a 410 link): expected. */
const answered = (problem: string, status: number) =>
  problem.startsWith(`Failed to load resource: the server responded with a status of ${status} (`);

const aCaseLink = async (score = 2) => {
  const opened = await given.anOpenCase(
    { score, comment: 'Никто не ответил три дня' },
    {
      requester: {
        email: `case-${randomUUID().slice(0, 8)}@example.com`,
        name: 'Иван',
        locale: 'en',
      },
    }
  );
  const [ownerMail] = await then.theOwnerIsMailed('quality@test.example', opened.ticketId);
  const link = ownerMail ? linksIn(ownerMail, 'f')[0] : undefined;
  if (!link) throw new Error('no case link in the owner mail');
  return { ...opened, link };
};

describe('Case page in Chromium', () => {
  it('works a case on a phone: in progress with a note, a Russian error, resolved, PRG', async () => {
    // Prepare
    const { link, email } = await aCaseLink();
    const { page, problems } = await phonePage();

    // Act: open it.
    await page.goto(link);

    // Assess the open case, in Russian for an English requester and browser.
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await page.textContent('h1')).toBe('Разбор оценки');
    expect(await page.textContent('.status')).toContain('Открыт');
    expect(await page.textContent('main')).toContain('Никто не ответил три дня');
    expect(await page.textContent('main')).not.toContain('UTC');
    expect(await page.locator('#rootCause option').first().textContent()).toBe('Выберите…');
    expect(await page.inputValue('#rootCause')).toBe('');
    await expectPhoneReady(page);

    // Act: take it in progress with a note.
    await page.fill('#note', 'Позвонили исполнителю');
    await page.click('#note-form button[type=submit]');
    await page.waitForURL(link);

    // Assess: back on the case page (a 303), in progress, the note on the timeline.
    expect(await page.textContent('.status')).toContain('В работе');
    expect(await page.textContent('.timeline')).toContain('Позвонили исполнителю');
    await expectPhoneReady(page);

    // Act: resolve without a root cause.
    await page.fill('#correctiveAction', 'Ввели автоответ на каждую заявку в течение часа');
    await page.click('#resolve-form button[type=submit]');
    await page.waitForSelector('#resolve-errors');

    // Assess: said in Russian, in words a person understands; the form keeps what was typed.
    expect(await page.textContent('#resolve-errors')).toContain('Выберите корневую причину.');
    expect(await page.textContent('#resolve-errors')).not.toContain('rootCause');
    expect(await page.inputValue('#correctiveAction')).toBe(
      'Ввели автоответ на каждую заявку в течение часа'
    );
    await expectPhoneReady(page);

    // Act: choose the cause and send, with the suggested message to the requester.
    await page.selectOption('#rootCause', 'communication');
    const message = await page.inputValue('#messageToRequester');
    await page.click('#resolve-form button[type=submit]');
    await page.waitForURL(link);

    // Assess: the resolved case shows what was recorded, by whom and when.
    expect(await page.textContent('.status')).toContain('Закрыт');
    expect(await page.textContent('main')).toContain('Что записано');
    expect(await page.textContent('main')).toContain('Коммуникация');
    expect(await page.textContent('main')).toContain('Quality team');
    expect(await page.locator('form').count()).toBe(0);
    await expectPhoneReady(page);

    // Act: reload. A POST answered 303 leaves a GET to repeat, never the form.
    const methods: string[] = [];
    page.on('request', (request) => methods.push(request.method()));
    await page.reload();

    // Assess
    expect(methods).toEqual(['GET']);
    expect(problems.filter((p) => !answered(p, 400))).toEqual([]);
    // The requester gets the message written for them, never the internal action.
    const [, closing] = await then.mailsArrive(email, 2);
    expect(closing?.body.text).toContain(message.slice(0, 40));
    expect(closing?.body.text).not.toContain('автоответ');
    await page.context().close();
  });

  it('hands a case over from the page: the old link says so, the new owner opens it', async () => {
    // Prepare
    const { link, ticketId } = await aCaseLink(1);
    const newOwner = `nina-${randomUUID().slice(0, 8)}@example.com`;
    const { page, problems } = await phonePage();
    await page.goto(link);

    // Act: a bad address first, then the right one.
    await page.fill('#ownerEmail', 'nina-at-example');
    await page.fill('#ownerName', 'Нина Новикова');
    await page.click('#assign-form button[type=submit]');
    await page.waitForSelector('#assign-errors');
    const error = await page.textContent('#assign-errors');
    const kept = await page.inputValue('#ownerName');
    await page.fill('#ownerEmail', newOwner);
    await page.click('#assign-form button[type=submit]');
    await page.waitForURL(link);

    // Assess: the old owner's link now says the case was handed over.
    expect(error).toContain('Укажите адрес нового ответственного');
    expect(kept).toBe('Нина Новикова');
    expect(await page.textContent('h1')).toBe('Разбор передан');
    const [mail] = await then.theOwnerIsMailed(newOwner, ticketId);
    const newLink = mail ? linksIn(mail, 'f')[0] : undefined;
    expect(newLink).toBeDefined();
    await page.goto(newLink ?? '');
    expect(await page.textContent('.timeline')).toContain('Передан другому ответственному');
    expect(await page.textContent('main')).toContain('Нина Новикова');
    await expectPhoneReady(page);
    expect(problems.filter((p) => !answered(p, 400) && !answered(p, 410))).toEqual([]);
    await page.context().close();
  });
});
