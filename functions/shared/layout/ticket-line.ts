import { html } from '../kernel/html.ts';
import type { Language } from '../kernel/language.ts';
import { sharedWords } from './words.ts';

/** The ticket a page is about, as the rating page and the case page both head it. */
export const ticketLine = (language: Language, ticketNumber: string, title: string | undefined) =>
  html`<p class="ticket">
    <strong>${sharedWords[language].ticket} ${ticketNumber}</strong
    >${title ? html`<br />${title}` : ''}
  </p>`;
