import { html } from '#shared/kernel/html.ts';
import type { Language } from '#shared/kernel/language.ts';
import { REASONS } from '#shared/kernel/reasons.ts';
import { errorList } from '#shared/layout/error-list.ts';
import { renderPage } from '#shared/layout/page-layout.ts';
import { ticketLine } from '#shared/layout/ticket-line.ts';
import { sharedWords } from '#shared/layout/words.ts';
import { csiWords } from '../words.ts';

export interface RatingPageInput {
  readonly language: Language;
  readonly ticketNumber: string;
  readonly title?: string | undefined;
  readonly score?: number | undefined;
  readonly reasons?: readonly string[];
  readonly comment?: string;
  readonly errors?: readonly string[];
  /** Lines above the form: the rating recorded, what a click does, until when. */
  readonly notices?: readonly string[];
}

/**
 * The rating form: five scores, the reasons (hidden by CSS when 5 is chosen) and a comment,
 * filled with what the person chose before.
 */
export const ratingPage = (input: RatingPageInput): string => {
  const t = csiWords[input.language];
  const reasonNames = sharedWords[input.language].reasons;
  const chosen = new Set(input.reasons ?? []);
  return renderPage(
    input.language,
    t.ratingTitle,
    html`<h1>${t.ratingTitle}</h1>
      ${ticketLine(input.language, input.ticketNumber, input.title)}
      ${(input.notices ?? []).map((notice) => html`<p class="notice">${notice}</p>`)}
      ${errorList(input.errors)}
      <form method="post">
        <fieldset class="scores">
          <legend>${t.yourScore}</legend>
          ${[1, 2, 3, 4, 5].map(
            (score) =>
              html`<input
                  type="radio"
                  name="score"
                  id="score-${score}"
                  value="${score}"
                  ${input.score === score ? html` checked` : ''}
                  required
                /><label for="score-${score}"
                  >${score}<small>${t.scoreLabels[score - 1] ?? ''}</small></label
                >`
          )}
        </fieldset>
        <fieldset class="reasons">
          <legend>${t.reasonsLegend}</legend>
          ${REASONS.map(
            (reason) =>
              html`<label
                ><input
                  type="checkbox"
                  name="reasons"
                  value="${reason}"
                  ${chosen.has(reason) ? html` checked` : ''}
                />
                ${reasonNames[reason]}</label
              >`
          )}
        </fieldset>
        <label class="block" for="comment">${t.comment}</label>
        <textarea id="comment" name="comment" maxlength="2000">${input.comment ?? ''}</textarea>
        <button type="submit">${t.submit}</button>
      </form>`
  );
};
