import { describe, expect, it } from 'vitest';
import { renderSurveyEmail, type SurveyEmailInput } from '#functions/csi/mail/survey-email.ts';

const RATING_URL = 'https://csi.example.com/r/AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const UNSUBSCRIBE_URL = 'https://csi.example.com/u/ZyXwVuTsRqPoNmLkJiHgFeDcBa543210';

const input = (overrides: Partial<SurveyEmailInput> = {}): SurveyEmailInput => ({
  language: 'en',
  kind: 'invitation',
  requesterName: 'Anna',
  ticketNumber: 'INC-1001',
  title: 'Payroll correction',
  ratingUrl: RATING_URL,
  unsubscribeUrl: UNSUBSCRIBE_URL,
  ...overrides,
});

const hrefs = (markup: string) => [...markup.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

describe('Function: renderSurveyEmail', () => {
  it('links the five scores to the rating page and adds the unsubscribe link', () => {
    // Act
    const mail = renderSurveyEmail(input());

    // Assess
    expect(hrefs(mail.html)).toEqual([
      `${RATING_URL}?score=1`,
      `${RATING_URL}?score=2`,
      `${RATING_URL}?score=3`,
      `${RATING_URL}?score=4`,
      `${RATING_URL}?score=5`,
      UNSUBSCRIBE_URL,
    ]);
  });

  it('puts every link in the text part too', () => {
    // Act
    const mail = renderSurveyEmail(input());

    // Assess
    for (const score of [1, 2, 3, 4, 5]) {
      expect(mail.text).toContain(`${RATING_URL}?score=${score}`);
    }
    expect(mail.text).toContain(`Stop sending me surveys: ${UNSUBSCRIBE_URL}`);
    expect(mail.text).toContain('1 — Very poor: ');
    expect(mail.text).not.toContain('<');
  });

  it('escapes the ticket title in the HTML part only', () => {
    // Prepare
    const title = '<img src=x onerror="alert(1)"> & co';

    // Act
    const mail = renderSurveyEmail(input({ title }));

    // Assess
    expect(mail.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co');
    expect(mail.html).not.toContain('<img');
    expect(mail.text).toContain(`INC-1001: ${title}`);
  });

  it('escapes the requester name', () => {
    // Act
    const mail = renderSurveyEmail(input({ requesterName: '<b>Anna</b>' }));

    // Assess
    expect(mail.html).toContain('Hello &lt;b&gt;Anna&lt;/b&gt;,');
    expect(mail.html).not.toContain('<b>Anna</b>');
  });

  it('writes an English invitation', () => {
    // Act
    const mail = renderSurveyEmail(input());

    // Assess
    expect(mail.subject).toBe('How did we do with your request INC-1001?');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain('<title>How did we do with your request INC-1001?</title>');
    expect(mail.text.startsWith('Hello Anna,')).toBe(true);
  });

  it('writes a Russian invitation', () => {
    // Act
    const mail = renderSurveyEmail(input({ language: 'ru', requesterName: 'Анна' }));

    // Assess
    expect(mail.subject).toBe('Оцените, как мы решили ваш запрос INC-1001');
    expect(mail.html).toContain('<html lang="ru">');
    expect(mail.html).toContain('Не хочу получать опросы');
    expect(mail.text).toContain('Здравствуйте, Анна!');
    expect(mail.text).toContain('5 — Отлично: ');
  });

  it.each([
    ['en', 'Reminder: rate how we handled request INC-1001'],
    ['ru', 'Напоминание: оцените решение запроса INC-1001'],
  ] as const)('writes the %s reminder subject', (language, subject) => {
    // Act
    const mail = renderSurveyEmail(input({ language, kind: 'reminder' }));

    // Assess
    expect(mail.subject).toBe(subject);
  });

  it('greets without a name and leaves out a missing title', () => {
    // Act
    const mail = renderSurveyEmail(input({ requesterName: undefined, title: undefined }));

    // Assess
    expect(mail.text.startsWith('Hello,\n')).toBe(true);
    expect(mail.text).toContain('Request INC-1001\n');
    expect(mail.html).not.toContain('<br />');
  });

  it('has no script and no image', () => {
    // Act
    const mail = renderSurveyEmail(input());

    // Assess
    expect(mail.html).not.toMatch(/<script|<img/i);
  });
});
