import { html } from '#shared/kernel/html.ts';
import type { Language } from '#shared/kernel/language.ts';
import { sharedWords } from '#shared/layout/words.ts';
import { mailLayout } from '#shared/mail/layout.ts';
import { csiWords } from '../words.ts';

export interface SurveyEmailInput {
  readonly language: Language;
  readonly kind: 'invitation' | 'reminder';
  readonly requesterName?: string | undefined;
  readonly ticketNumber: string;
  readonly title?: string | undefined;
  readonly ratingUrl: string;
  readonly unsubscribeUrl: string;
}

const SCORE_COLOURS = ['#dc2626', '#ea580c', '#ca8a04', '#65a30d', '#16a34a'];

/**
 * The CSI invitation or reminder: five one-click score links (each opens the rating page
 * with that score chosen; nothing is recorded until the person submits), an unsubscribe
 * link, and a plain-text part with the same links.
 */
export const renderSurveyEmail = (input: SurveyEmailInput) => {
  const t = csiWords[input.language];
  const { ticket, greeting } = sharedWords[input.language];
  const subject =
    input.kind === 'invitation'
      ? t.inviteSubject(input.ticketNumber)
      : t.reminderSubject(input.ticketNumber);
  const intro = input.kind === 'invitation' ? t.inviteBody : t.reminderBody;
  const scoreUrl = (score: number) => `${input.ratingUrl}?score=${score}`;
  const scores = [1, 2, 3, 4, 5];
  const body = html`<p style="margin:0 0 12px 0;">${greeting(input.requesterName)}</p>
    <p style="margin:0 0 12px 0;">${intro}</p>
    <p style="margin:0 0 16px 0;padding:12px;background:#f9fafb;border-left:4px solid #2563eb;">
      <strong>${ticket} ${input.ticketNumber}</strong
      >${input.title ? html`<br />${input.title}` : ''}
    </p>
    <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
      <tr>
        ${scores.map(
          (score) =>
            html`<td align="center" style="padding:4px;">
              <a
                href="${scoreUrl(score)}"
                title="${t.scoreLabels[score - 1] ?? ''}"
                style="display:block;padding:14px 0;background:${SCORE_COLOURS[score - 1] ?? '#2563eb'};color:#ffffff;font-size:22px;font-weight:bold;text-decoration:none;border-radius:6px;"
                >${score}</a
              >
              <div style="font-size:11px;color:#6b7280;padding-top:4px;">
                ${t.scoreLabels[score - 1] ?? ''}
              </div>
            </td>`
        )}
      </tr>
    </table>
    <p style="margin:16px 0 0 0;font-size:13px;color:#4b5563;">${t.inviteFooter}</p>`;
  const footer = html`<a href="${input.unsubscribeUrl}" style="color:#6b7280;"
    >${t.unsubscribe}</a
  >`;
  const text = [
    greeting(input.requesterName),
    '',
    intro,
    '',
    `${ticket} ${input.ticketNumber}${input.title ? `: ${input.title}` : ''}`,
    '',
    ...scores.map((score) => `${score} — ${t.scoreLabels[score - 1] ?? ''}: ${scoreUrl(score)}`),
    '',
    t.inviteFooter,
    '',
    `${t.unsubscribe}: ${input.unsubscribeUrl}`,
  ].join('\n');
  return { subject, html: mailLayout(input.language, subject, body, footer), text };
};
