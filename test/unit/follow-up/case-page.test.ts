import { describe, expect, it } from 'vitest';
import { caseTimeline } from '#functions/follow-up/case-timeline.ts';
import { casePage } from '#functions/follow-up/pages/case-page.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import { followUpItem } from '#test/helpers/ddb-fixtures.ts';
import { caseView } from '#test/helpers/page-inputs.ts';

describe('Page: casePage', () => {
  it('shows the case with escaped comment and named reasons', () => {
    // Act
    const page = casePage(
      caseView({ followUp: { comment: '<i>slow</i>', reasons: ['speed', 'legacy-reason'] } })
    );

    // Assess
    expect(page).toContain('<dd>&lt;i&gt;slow&lt;/i&gt;</dd>');
    expect(page).toContain('<dd>Speed, legacy-reason</dd>');
    expect(page).toMatch(/<option value="rules-policy"\s*>/);
  });

  it('shows a stored reason that is no reason it knows as stored, even a name objects carry', () => {
    // Act
    const page = casePage(
      caseView({ language: 'ru', followUp: { reasons: ['constructor', 'quality'] } })
    );

    // Assess
    expect(page).toContain('<dd>constructor, Качество результата</dd>');
  });

  it('shows times in the installation time zone through Intl, never as UTC', () => {
    // Act: due 2025-03-12T00:00Z is 03:00 in Moscow.
    const ru = casePage(caseView({ language: 'ru' }));
    const en = casePage(caseView({ language: 'en', timeZone: 'Asia/Yekaterinburg' }));

    // Assess
    expect(ru).toContain('12 мар. 2025 г., 03:00');
    expect(en).toContain('12 Mar 2025, 05:00');
    expect(ru).not.toContain('UTC');
  });

  it('starts the root-cause select at "Выберите…" with no cause chosen', () => {
    // Act
    const page = casePage(caseView({ language: 'ru' }));

    // Assess
    const select = /<select id="rootCause"[\s\S]*?<\/select>/.exec(page)?.[0] ?? '';
    expect(select).toMatch(
      /^<select id="rootCause" name="rootCause">\s*<option value="" selected>Выберите…<\/option>/
    );
    expect(select.match(/selected/g)).toHaveLength(1);
  });

  it('offers to tell the requester by default, with a suggested message to edit', () => {
    // Act
    const page = casePage(caseView({ language: 'ru' }));

    // Assess
    expect(page).toMatch(/name="notifyRequester" value="yes" checked/);
    expect(page).toMatch(/name="notifyRequester" value="no"\s*\/>/);
    expect(page).toContain('Мы разобрали ваш отзыв о запросе INC-1001');
  });

  it('links the ticket number to the ticket system when a URL is known, and not otherwise', () => {
    // Act
    const linked = casePage(
      caseView({ ticketUrl: 'https://sd.example.ru/sd/operator/#uuid:T-1&x=<y>' })
    );
    const plain = casePage(caseView());

    // Assess
    expect(linked).toContain('href="https://sd.example.ru/sd/operator/#uuid:T-1&amp;x=&lt;y&gt;"');
    expect(plain).not.toContain('open in the ticket system');
  });

  it("shows the requester's address only when the view carries it, and the agent", () => {
    // Act
    const withAddress = casePage(
      caseView({ requesterEmail: 'anna@example.com', agentName: 'Pavel Agent' })
    );
    const without = casePage(caseView());

    // Assess
    expect(withAddress).toContain('href="mailto:anna@example.com"');
    expect(withAddress).toContain('<dd>Pavel Agent</dd>');
    expect(without).not.toContain('anna@example.com');
    expect(without).toContain('<dd>Anna</dd>');
  });

  it('posts each form to its own path below the page', () => {
    // Act
    const page = casePage(caseView({ pagePath: '/f/abc' }));

    // Assess
    expect(page).toContain('action="/f/abc/note"');
    expect(page).toContain('action="/f/abc"');
    expect(page).toContain('action="/f/abc/assign"');
  });

  it('gives a form back with its errors and what was typed', () => {
    // Act
    const page = casePage(caseView({ language: 'ru' }), {
      form: 'resolve',
      errors: ['Выберите корневую причину.'],
      values: {
        correctiveAction: 'Проверка <до> отправки',
        notifyRequester: 'no',
        messageToRequester: 'Текст автору',
      },
    });

    // Assess
    expect(page).toContain('<li>Выберите корневую причину.</li>');
    expect(page).toContain('Проверка &lt;до&gt; отправки</textarea');
    expect(page).toMatch(/name="notifyRequester" value="no" checked/);
    expect(page).toContain('Текст автору</textarea');
    expect(page).not.toContain('Мы разобрали ваш отзыв');
  });

  it('shows a case in progress with its notes on the timeline, and "add note"', () => {
    // Prepare
    const followUp = followUpItem({ inProgressAt: '2025-03-10T09:00:00.000Z' });
    const by = `owner:${emailKey('owner@example.com')}`;
    const timeline = caseTimeline(followUp, [
      {
        followUpId: followUp.followUpId,
        eventId: 'a',
        kind: 'in-progress',
        at: '2025-03-10T09:00:00.000Z',
        by,
      },
      {
        followUpId: followUp.followUpId,
        eventId: 'b',
        kind: 'note',
        at: '2025-03-10T09:05:00.000Z',
        by,
        text: 'Called <the> team',
      },
    ]);

    // Act
    const page = casePage(caseView({ followUp, timeline }));

    // Assess
    expect(page).toContain('Open · In progress');
    expect(page).toContain('Called &lt;the&gt; team');
    expect(page).toContain('Olga Owner');
    expect(page).toContain('>Add note</button>');
  });

  it('shows a resolved case: what was recorded, by whom and when, and no forms', () => {
    // Prepare
    const followUp = followUpItem({
      status: 'resolved',
      rootCause: 'skills',
      correctiveAction: 'Trained the team',
      notifyRequester: true,
      messageToRequester: 'We fixed it',
      resolvedAt: '2025-03-11T10:00:00.000Z',
      resolvedBy: `escalation:${emailKey('lead@example.com')}`,
    });

    // Act
    const page = casePage(caseView({ followUp, timeline: caseTimeline(followUp, []) }));

    // Assess
    expect(page).toContain('<dd>Knowledge and skills</dd>');
    expect(page).toContain('<dd>Trained the team</dd>');
    expect(page).toContain('<dd>We fixed it</dd>');
    expect(page).toContain('<dd>Lena Lead</dd>');
    expect(page).toContain('11 Mar 2025, 13:00');
    expect(page).not.toContain('<form');
  });
});
