import { html } from '#shared/kernel/html.ts';
import type { Language } from '#shared/kernel/language.ts';
import { renderPage } from '#shared/layout/page-layout.ts';
import { csiWords } from '../words.ts';

/** The answer to a rating: the score kept and, for a low one, the promise of a follow-up. */
export const thankYouPage = (
  language: Language,
  score: number,
  followUp: boolean,
  /** Until when it may be changed, formatted in the installation's time zone. */
  openUntil?: string
): string => {
  const t = csiWords[language];
  return renderPage(
    language,
    t.thanksTitle,
    html`<h1>${t.thanksTitle}</h1>
      <p>${t.thanksBody} ${t.yourScore}: <strong>${score}</strong>.</p>
      ${followUp ? html`<p>${t.thanksLow}</p>` : ''}
      <p class="muted">${t.changeHint}${openUntil ? html` ${t.openUntil(openUntil)}` : ''}</p>`
  );
};
