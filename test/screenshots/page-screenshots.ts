/**
 * `npm run screenshots` (after the mails): each page an employee opens from a survey mail as a
 * 390 px phone shows it, into docs/screenshots/page-*-390.png (docs/pages.md): the rating page
 * (with a score chosen, and with a Russian validation message), the thank-you page, each state
 * of the opt-out page and an error page. Rendered by the pages' own code from a made-up survey
 * (the page has no script and one stylesheet, so what the browser shows is what the handler
 * serves); Chromium as in the tests, no network.
 */
import { mkdir } from 'node:fs/promises';
import { fromRoot } from '#lib/config/paths.ts';
import { optOutPage, type OptOutPageView } from '#functions/csi/pages/opt-out-page.ts';
import { ratingPage } from '#functions/csi/pages/rating-page.ts';
import { thankYouPage } from '#functions/csi/pages/thank-you-page.ts';
import { errorPage } from '#shared/layout/error-page.ts';
import { launchChromium } from '#test/helpers/chromium.ts';

const WIDTH = 390;
const ticket = {
  language: 'ru' as const,
  ticketNumber: 'SD-4815',
  title: 'Не пришла зарплата за вторую половину месяца',
};
const optOut = (state: OptOutPageView['state']) =>
  optOutPage({
    language: 'ru',
    timeZone: 'Europe/Moscow',
    state,
    address: 'i***@example.ru',
    optedOutAt: '2026-12-01T09:30:00.000Z',
  });

const pages: readonly (readonly [string, string])[] = [
  ['page-rating', ratingPage({ ...ticket, score: 2 })],
  [
    'page-rating-errors',
    ratingPage({
      ...ticket,
      comment: 'Ответили через три дня',
      errors: ['Выберите оценку от 1 до 5.'],
    }),
  ],
  ['page-thank-you', thankYouPage('ru', 2, true)],
  ['page-opt-out-ask', optOut('ask')],
  ['page-opt-out-stay', optOut('stay')],
  ['page-opt-out-unsubscribed', optOut('unsubscribed')],
  ['page-opt-out-resubscribed', optOut('resubscribed')],
  ['page-error-gone', errorPage('ru', 'gone')],
];

const folder = fromRoot('docs/screenshots');
await mkdir(folder, { recursive: true });
const browser = await launchChromium();
try {
  const context = await browser.newContext({
    viewport: { width: WIDTH, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    offline: true,
    locale: 'ru-RU',
  });
  const page = await context.newPage();
  for (const [name, html] of pages) {
    await page.setContent(html, { waitUntil: 'load' });
    await page.screenshot({ path: `${folder}/${name}-${WIDTH}.png`, fullPage: true });
    console.log(`docs/screenshots/${name}-${WIDTH}.png`);
  }
} finally {
  await browser.close();
}
