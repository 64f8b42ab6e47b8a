import { html, type SafeHtml } from '../kernel/html.ts';

/** What was wrong with an answer, announced to screen readers (`role="alert"`); else nothing. */
export const errorList = (errors: readonly string[] | undefined): SafeHtml | string =>
  errors && errors.length > 0
    ? html`<div class="errors" role="alert">
        <ul>
          ${errors.map((e) => html`<li>${e}</li>`)}
        </ul>
      </div>`
    : '';
