import { describe, expect, it } from 'vitest';
import {
  renderCaseOwnerEmail,
  renderClosingEmail,
} from '#functions/follow-up/mail/follow-up-emails.ts';
import { brandingSettingsSchema } from '#shared/settings/branding-settings.ts';
import {
  CASE_URL,
  DEFAULT_SETTINGS,
  caseMailSettings,
  followUpCase,
} from '#test/helpers/mail-fixtures.ts';

const SCRIPT = '<script>alert(1)</script>';

describe('Function: renderCaseOwnerEmail', () => {
  it('writes to the staff in the SSC language, whatever the requester writes in', () => {
    // Act
    const ru = renderCaseOwnerEmail(
      followUpCase({ locale: 'en' }),
      CASE_URL,
      'owner',
      caseMailSettings()
    );
    const en = renderCaseOwnerEmail(
      followUpCase({ locale: 'ru' }),
      CASE_URL,
      'owner',
      caseMailSettings({ sscLanguage: 'en' })
    );

    // Assess
    expect(ru.subject).toBe('Разбор оценки 2 по запросу INC-1001');
    expect(ru.html).toContain('<html lang="ru"');
    expect(ru.text).toContain('Причины: Скорость, Общение');
    expect(ru.fromName).toBe('Служба качества ЦОО');
    expect(en.subject).toBe('Follow up a score of 2 on request INC-1001');
    expect(en.text).toContain('Reasons: Speed, Communication');
  });

  it('shows the due time in the installation time zone, never as UTC', () => {
    // Act
    const moscow = renderCaseOwnerEmail(followUpCase(), CASE_URL, 'owner', caseMailSettings());
    const london = renderCaseOwnerEmail(
      followUpCase(),
      CASE_URL,
      'owner',
      caseMailSettings({ sscLanguage: 'en', timeZone: 'Europe/London' })
    );

    // Assess
    expect(moscow.text).toContain('Срок разбора: 3 декабря 2026 г. в 18:00 (Москва)');
    expect(moscow.html).toContain('<strong>3 декабря 2026 г. в 18:00 (Москва)</strong>');
    expect(`${moscow.html}${moscow.text}`).not.toContain('UTC');
    expect(london.text).toContain('Due: 3 December 2026 at 15:00');
  });

  it('writes the plain-text part with the facts, the link and the signature', () => {
    // Act
    const mail = renderCaseOwnerEmail(
      followUpCase({ openingScore: 1, liftedAboveThresholdAt: undefined }),
      CASE_URL,
      'owner',
      caseMailSettings({ sscLanguage: 'en' })
    );

    // Assess
    expect(mail.text.split('\n')).toEqual([
      'A low score came in. Find the root cause and record the corrective action in time.',
      'Due: 3 December 2026 at 18:00 (Moscow Time)',
      '',
      'Request INC-1001: Payroll correction',
      'Score: 2 (changed, 1 when the case opened)',
      'Reasons: Speed, Communication',
      'Comment: Nobody answered for three days',
      'Requester: Anna Smith',
      'Service: Payroll',
      'Business unit: Finance',
      'Team: Payroll desk',
      '',
      `Open the case: ${CASE_URL}`,
      'The link to the case is yours alone: please do not forward this mail.',
      '',
      '--',
      'Kind regards,',
      'the quality team of the Shared Service Centre',
      '',
      'Any questions? Contact the SSC service desk through the self-service portal.',
    ]);
    expect(mail.html).toContain(`href="${CASE_URL}"`);
    expect(mail.html).not.toMatch(/\{\{|\}\}/);
  });

  it('names the owner in the escalation mail', () => {
    // Act
    const mail = renderCaseOwnerEmail(followUpCase(), CASE_URL, 'escalation', caseMailSettings());

    // Assess
    expect(mail.subject).toBe('Просрочен разбор оценки по запросу INC-1001');
    expect(mail.text).toContain('Разбор не закрыт в срок. Ответственный: Olga Owner.');
    expect(mail.text).toContain('Срок разбора истёк: 3 декабря 2026 г. в 18:00 (Москва)');
  });

  it('escapes every field: title, comment, names, reasons, units', () => {
    // Act
    const mail = renderCaseOwnerEmail(
      followUpCase({
        title: SCRIPT,
        comment: `${SCRIPT}"'`,
        requesterName: SCRIPT,
        reasons: [SCRIPT],
        service: { name: SCRIPT },
        businessUnitRaw: { name: SCRIPT },
        team: { name: SCRIPT },
        owner: { email: 'o@example.com', name: SCRIPT },
      }),
      CASE_URL,
      'escalation',
      caseMailSettings()
    );

    // Assess
    expect(mail.html).not.toContain('<script');
    expect(mail.html.match(/&lt;script&gt;/g)?.length).toBeGreaterThanOrEqual(8);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;');
  });
});

describe('Function: renderClosingEmail', () => {
  it('writes in the requester language with the SSC signature and contact line', () => {
    // Prepare
    const { branding } = brandingSettingsSchema.parse({
      branding: { signature: { ru: 'Ваш ЦОО', en: 'Your SSC' }, contact: 'hr@example.com' },
    });

    // Act
    const mail = renderClosingEmail(
      followUpCase({ locale: 'ru', messageToRequester: 'Мы ускорили ответы.' }),
      branding
    );

    // Assess
    expect(mail.subject).toBe('Что мы сделали по вашему отзыву о запросе INC-1001');
    expect(mail.text.split('\n')).toEqual([
      'Здравствуйте, Anna Smith!',
      '',
      'Спасибо за честную оценку. Мы разобрали ваш запрос, и вот наш ответ:',
      '',
      'Запрос INC-1001: Payroll correction',
      'Ваша оценка: 2.',
      '',
      'Мы ускорили ответы.',
      '',
      '--',
      'Ваш ЦОО',
      '',
      'hr@example.com',
    ]);
    expect(mail.html).toContain('Ваш ЦОО');
    expect(mail.html).toContain('hr@example.com');
  });

  it('never mails the internal corrective action, with a message or without', () => {
    // Prepare
    const internal = 'Agent Petrov retrained; disciplinary note filed';

    // Act
    const withMessage = renderClosingEmail(
      followUpCase({ correctiveAction: internal, messageToRequester: 'We sped up replies.' }),
      DEFAULT_SETTINGS.branding
    );
    const without = renderClosingEmail(
      followUpCase({ correctiveAction: internal, messageToRequester: '  ' }),
      DEFAULT_SETTINGS.branding
    );

    // Assess
    for (const mail of [withMessage, without]) {
      expect(mail.html).not.toContain('Petrov');
      expect(mail.text).not.toContain('Petrov');
    }
    expect(withMessage.text).toContain('We sped up replies.');
    expect(without.text).toContain(
      'We looked into your request: the cause is found and the steps against it are recorded.'
    );
  });

  it('keeps the message lines and escapes them', () => {
    // Act
    const mail = renderClosingEmail(
      followUpCase({ messageToRequester: `Line one\r\n${SCRIPT}` }),
      DEFAULT_SETTINGS.branding
    );

    // Assess
    expect(mail.html).toContain('Line one<br />&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script');
  });
});
