import { html } from '#shared/kernel/html.ts';
import type { Language } from '#shared/kernel/language.ts';
import { renderPage } from '#shared/layout/page-layout.ts';
import { ticketLine } from '#shared/layout/ticket-line.ts';
import { csiWords } from '../words.ts';

export interface RatingRecordedInput {
  readonly language: Language;
  readonly ticketNumber: string;
  readonly title?: string | undefined;
  readonly score: number;
  /** When it was rated, already formatted in the installation's time zone. */
  readonly ratedAt?: string | undefined;
}

/**
 * A later visit of a rated survey's link once it closed: the rating kept, not "expired"
 * (a person who comes back to the mail must see that their answer counted).
 */
export const ratingRecordedPage = (input: RatingRecordedInput): string => {
  const t = csiWords[input.language];
  return renderPage(
    input.language,
    t.recordedTitle,
    html`<h1>${t.recordedTitle}</h1>
      ${ticketLine(input.language, input.ticketNumber, input.title)}
      <p><strong>${t.recordedNotice(input.score)}</strong></p>
      ${input.ratedAt ? html`<p>${t.recordedAt(input.ratedAt)}</p>` : ''}
      <p class="muted">${t.surveyClosed}</p>`
  );
};
