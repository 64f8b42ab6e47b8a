import { html } from '#shared/kernel/html.ts';
import type { Language } from '#shared/kernel/language.ts';
import { renderPage } from '#shared/layout/page-layout.ts';
import { csiWords } from '../words.ts';

/**
 * The opt-out question (a form, so a mail scanner that opens the link opts nobody out), then
 * its answer.
 */
export const optOutPage = (language: Language, done: boolean): string => {
  const t = csiWords[language];
  return done
    ? renderPage(
        language,
        t.optOutDoneTitle,
        html`<h1>${t.optOutDoneTitle}</h1>
          <p>${t.optOutDoneBody}</p>`
      )
    : renderPage(
        language,
        t.optOutTitle,
        html`<h1>${t.optOutTitle}</h1>
          <p>${t.optOutBody}</p>
          <form method="post">
            <input type="hidden" name="confirm" value="yes" /><button type="submit">
              ${t.optOutConfirm}
            </button>
          </form>`
      );
};
