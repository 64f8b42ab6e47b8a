import { describe, expect, it } from 'vitest';
import { renderSurveyEmail } from '#functions/csi/mail/survey-email.ts';
import { brandingSettingsSchema } from '#shared/settings/branding-settings.ts';
import {
  RATING_URL,
  UNSUBSCRIBE_URL,
  surveyMailInput as input,
} from '#test/helpers/mail-fixtures.ts';

const hrefs = (markup: string) => [...markup.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
const SCRIPT = '<script>alert(1)</script>';

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

  it('fills every placeholder and keeps no block marker', () => {
    // Act
    const mail = renderSurveyEmail(input());

    // Assess
    expect(mail.html).not.toMatch(/\{\{|\}\}/);
    expect(mail.html).toContain('<meta name="color-scheme" content="light dark">');
    expect(mail.html).toContain('prefers-color-scheme: dark');
  });

  it('names each score button for a screen reader', () => {
    // Act
    const mail = renderSurveyEmail(input({ language: 'ru' }));

    // Assess
    expect(mail.html).toContain('aria-label="Оценка 1 из 5: очень плохо"');
    expect(mail.html).toContain('aria-label="Оценка 5 из 5: отлично"');
  });

  it('writes the plain-text part with every link, the how-to and the signature', () => {
    // Act
    const mail = renderSurveyEmail(input());

    // Assess
    expect(mail.text.split('\n')).toEqual([
      'Hello Anna,',
      '',
      'Your request has been resolved. We would like to know how we did.',
      '',
      'Request INC-1001: Payroll correction',
      '',
      'How satisfied are you with how we handled it?',
      'Choose a score — we count it even if you close the page straight away; you can add a comment on the page that opens.',
      '',
      `1 — Very poor: ${RATING_URL}?score=1`,
      `2 — Poor: ${RATING_URL}?score=2`,
      `3 — Fair: ${RATING_URL}?score=3`,
      `4 — Good: ${RATING_URL}?score=4`,
      `5 — Excellent: ${RATING_URL}?score=5`,
      '',
      'Our quality team looks into every score below 5.',
      '',
      '--',
      'Kind regards,',
      'the quality team of the Shared Service Centre',
      '',
      'Any questions? Contact the SSC service desk through the self-service portal.',
      '',
      `Stop sending me surveys: ${UNSUBSCRIBE_URL}`,
    ]);
  });

  it('says what a click does under each rating policy', () => {
    // Act
    const ru = renderSurveyEmail(input({ language: 'ru' }));
    const en = renderSurveyEmail(input({ language: 'en' }));
    const strict = renderSurveyEmail(input({ language: 'ru', ratingPolicy: 'strict' }));

    // Assess: balanced counts a person's click; strict only the page's confirmation
    expect(ru.text).toContain(
      'Выберите оценку — мы её учтём, даже если вы сразу закроете страницу; на открывшейся странице можно добавить комментарий.'
    );
    expect(strict.text).toContain(
      'Выберите оценку — на открывшейся странице подтвердите её и, если хотите, добавьте комментарий.'
    );
    expect(strict.html).not.toContain('мы её учтём');
    expect(`${ru.html}${ru.text}`).not.toMatch(/одно нажатие/i);
    expect(`${en.html}${en.text}`).not.toMatch(/one click/i);
  });

  it.each([
    ['ru', new Date('2026-12-01T09:00:00Z'), 'Мы писали вам 3 дня назад'],
    ['en', new Date('2026-12-01T09:00:00Z'), 'We wrote to you 3 days ago'],
    ['ru', new Date('2026-12-04T07:00:00Z'), 'Мы писали вам 2 часа назад'],
    ['en', new Date('2026-12-04T08:59:00Z'), 'We wrote to you 1 minute ago'],
  ] as const)('says in %s how long ago the invitation went (%s)', (language, invitedAt, words) => {
    // Act
    const mail = renderSurveyEmail(input({ language, kind: 'reminder', invitedAt }));

    // Assess
    expect(mail.text).toContain(words);
    expect(mail.html).toContain(words);
  });

  it('escapes every field in the HTML part: name, ticket number and title', () => {
    // Act
    const mail = renderSurveyEmail(
      input({ requesterName: SCRIPT, ticketNumber: `INC-1"><b>`, title: `${SCRIPT} & co` })
    );

    // Assess
    expect(mail.html).not.toContain('<script');
    expect(mail.html).not.toContain('"><b>');
    expect(mail.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(mail.html).toContain('INC-1&quot;&gt;&lt;b&gt;');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(mail.text).toContain(`INC-1"><b>: ${SCRIPT} & co`);
  });

  it('leaves a value holding a placeholder as it is', () => {
    // Act
    const mail = renderSurveyEmail(input({ title: '{{unsubscribeUrl}}' }));

    // Assess
    expect(mail.html).toContain('{{unsubscribeUrl}}');
    expect(hrefs(mail.html)).toHaveLength(6);
  });

  it('applies the branding: name, signature, contact line, sender name, logo', () => {
    // Prepare
    const { branding } = brandingSettingsSchema.parse({
      branding: {
        sscName: 'ЦОО «Север» <script>',
        senderName: { ru: 'ЦОО Север', en: 'North SSC' },
        signature: 'Team North\nPayroll desk',
        contact: 'Call 1234',
        logoUrl: 'https://cdn.example.com/logo.png',
      },
    });

    // Act
    const mail = renderSurveyEmail(input({ branding }));

    // Assess
    expect(mail.fromName).toBe('North SSC');
    expect(mail.html).toContain('alt="ЦОО «Север» &lt;script&gt;"');
    expect(mail.html).toContain('src="https://cdn.example.com/logo.png"');
    expect(mail.html).toContain('Team North<br />Payroll desk');
    expect(mail.html).toContain('Call 1234');
    expect(mail.text).toContain('--\nTeam North\nPayroll desk\n\nCall 1234');
  });

  it('shows the name, not an image, without a logo', () => {
    // Act
    const mail = renderSurveyEmail(input());

    // Assess
    expect(mail.html).not.toMatch(/<img|<script/i);
    expect(mail.html).toContain('>Shared Service Centre</div>');
  });

  it('writes a Russian invitation', () => {
    // Act
    const mail = renderSurveyEmail(input({ language: 'ru', requesterName: 'Анна' }));

    // Assess
    expect(mail.subject).toBe('Оцените, как мы решили ваш запрос INC-1001');
    expect(mail.fromName).toBe('Служба качества ЦОО');
    expect(mail.html).toContain('<html lang="ru"');
    expect(mail.html).toContain('<title>Оцените, как мы решили ваш запрос INC-1001</title>');
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
    expect(mail.html).toContain('<strong>Request INC-1001</strong></div>');
  });

  it('says which scores open a case, and nothing when none does', () => {
    // Act
    const four = renderSurveyEmail(input({ followUpThreshold: 4 }));
    const none = renderSurveyEmail(input({ followUpThreshold: 1 }));

    // Assess
    expect(four.text).toContain('Our quality team looks into every score below 4.');
    expect(none.text).not.toContain('quality team looks into');
  });
});
