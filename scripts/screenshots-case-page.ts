/**
 * `npm run screenshots:case`: a 390 px screenshot of each state of the case page (open,
 * in progress with a note, a form sent back with its errors, resolved, handed over) in
 * docs/screenshots/, rendered by the page's own code from a made-up case and shot in
 * Chromium (CHROMIUM_PATH, else /usr/bin/chromium). No runtime needed: the page has no
 * script and one stylesheet, so what the browser shows is what the handler serves.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { caseTimeline } from '#functions/follow-up/case-timeline.ts';
import {
  caseHandedOverPage,
  casePage,
  type CaseView,
} from '#functions/follow-up/pages/case-page.ts';
import type { CaseEvent } from '#shared/data/case-event.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import { fromRoot } from '#lib/config/paths.ts';

const OWNER = { email: 'quality@ssc.example.ru', name: 'Мария Смирнова' };
const BY_OWNER = `owner:${emailKey(OWNER.email)}`;
const ID = '0123456789abcdef0123456789abcdef';

const openCase: FollowUp = {
  followUpId: ID,
  surveyId: ID,
  ticketId: 'serviceCall$4815',
  ticketNumber: 'SD-4815',
  title: 'Не пришла зарплата за вторую половину месяца',
  requesterName: 'Иван Петров',
  requesterEmail: 'i.petrov@example.ru',
  locale: 'ru',
  score: 2,
  comment: 'Ответили только через три дня, и то после звонка руководителю.',
  reasons: ['speed', 'communication'],
  businessUnit: 'bu-sales',
  businessUnitRaw: { id: 'bu-sales', name: 'Коммерческая дирекция' },
  service: { id: 'payroll', name: 'Расчёт заработной платы' },
  team: { id: 'payroll-2', name: 'Вторая линия расчёта' },
  owner: OWNER,
  escalation: { email: 'quality-lead@ssc.example.ru', name: 'Ольга Кузнецова' },
  status: 'open',
  openedAt: '2026-11-30T07:12:00.000Z',
  updatedAt: '2026-11-30T07:12:00.000Z',
  dueAt: '2026-12-02T07:12:00.000Z',
  ownerNotifiedAt: '2026-11-30T07:12:04.000Z',
  aggregateDay: '2026-11-30',
  aggregateDimension: 'bu-sales#payroll',
};

const event = (kind: CaseEvent['kind'], at: string, text?: string): CaseEvent => ({
  followUpId: ID,
  eventId: at,
  kind,
  at,
  by: BY_OWNER,
  ...(text ? { text } : {}),
});
const notes = [
  event('in-progress', '2026-11-30T08:40:00.000Z'),
  event(
    'note',
    '2026-11-30T08:40:00.000Z',
    'Позвонила исполнителю: заявка ждала согласования в банке.'
  ),
];
const inProgress: FollowUp = { ...openCase, inProgressAt: '2026-11-30T08:40:00.000Z' };
const resolved: FollowUp = {
  ...inProgress,
  status: 'resolved',
  resolvedAt: '2026-11-30T13:05:00.000Z',
  resolvedBy: BY_OWNER,
  rootCause: 'communication',
  correctiveAction:
    'Автоответ с номером и сроком на каждую заявку по зарплате; разбор на планёрке.',
  notifyRequester: true,
  messageToRequester:
    'Мы разобрали ваш отзыв о запросе SD-4815: теперь на каждую заявку по зарплате вы сразу получите номер и срок. Спасибо, что сообщили нам.',
};

const view = (followUp: FollowUp, events: readonly CaseEvent[]): CaseView => ({
  language: 'ru',
  timeZone: 'Europe/Moscow',
  followUp,
  ticketUrl: 'https://sd.example.ru/sd/operator/#uuid:serviceCall$4815',
  agentName: 'Андрей Соколов',
  requesterEmail: followUp.requesterEmail ?? undefined,
  holderRole: 'owner',
  pagePath: '/f/example',
  timeline: caseTimeline(followUp, events),
  earlier: [
    { ticketNumber: 'SD-4702', score: 3, at: '2026-11-12T12:30:00.000Z', commented: true },
    { ticketNumber: 'SD-4511', score: 5, at: '2026-10-28T06:05:00.000Z', commented: false },
  ],
});

const pages: readonly [string, string][] = [
  ['case-page-open', casePage(view(openCase, []))],
  ['case-page-in-progress', casePage(view(inProgress, notes))],
  [
    'case-page-errors',
    casePage(view(inProgress, notes), {
      form: 'resolve',
      errors: [
        'Выберите корневую причину.',
        'Напишите письмо автору запроса или выберите «Нет, не сообщать».',
      ],
      values: {
        correctiveAction: 'Автоответ на каждую заявку',
        notifyRequester: 'yes',
        messageToRequester: '',
      },
    }),
  ],
  ['case-page-resolved', casePage(view(resolved, notes))],
  ['case-page-handed-over', caseHandedOverPage('ru')],
];

const outDir = fromRoot('docs/screenshots');
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
  });
  const page = await context.newPage();
  for (const [name, html] of pages) {
    await page.setContent(html);
    const path = `${outDir}/${name}.png`;
    await page.screenshot({ path, fullPage: true });
    console.log(`wrote ${path}`);
  }
} finally {
  await browser.close();
}
