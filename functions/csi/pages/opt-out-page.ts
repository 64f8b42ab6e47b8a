import { html, type SafeHtml } from '#shared/kernel/html.ts';
import type { Language } from '#shared/kernel/language.ts';
import { localTimeWithZone } from '#shared/kernel/local-time.ts';
import { renderPage } from '#shared/layout/page-layout.ts';
import { csiWords } from '../words.ts';

/**
 * Where an opt-out link's person stands, as the page shows it:
 * - `ask`: what an opt-out would do (which address, every survey, CSI and NPS), a form to do
 *   it and "stay subscribed" (a GET that changes nothing);
 * - `stay`: nothing changed;
 * - `unsubscribed`: since when, and a form to take it back;
 * - `resubscribed`: surveys come again.
 */
export type OptOutState = 'ask' | 'stay' | 'unsubscribed' | 'resubscribed';

export interface OptOutPageView {
  readonly language: Language;
  /** The installation's zone (settings `timeZone`): the time of an opt-out is shown in it. */
  readonly timeZone: string;
  readonly state: OptOutState;
  /** Masked («i***@example.com»). */
  readonly address: string | undefined;
  readonly optedOutAt?: string | undefined;
}

/** The page of an opt-out link: only a form's POST changes anything, so a mail scanner opts nobody out. */
export const optOutPage = (view: OptOutPageView): string => {
  const t = csiWords[view.language];
  const page = (title: string, body: SafeHtml) =>
    renderPage(view.language, title, html`<h1>${title}</h1>${body}`);
  switch (view.state) {
    case 'ask':
      return page(
        t.optOutTitle,
        html`<p>${t.optOutWhat(view.address)}</p>
          <p>${t.optOutScope}</p>
          <form method="post">
            <input type="hidden" name="action" value="unsubscribe" />
            <button type="submit">${t.optOutConfirm}</button>
          </form>
          <form method="get">
            <input type="hidden" name="view" value="stay" />
            <button type="submit" class="secondary">${t.optOutStay}</button>
          </form>`
      );
    case 'stay':
      return page(t.optOutStayTitle, html`<p>${t.optOutStayBody}</p>`);
    case 'unsubscribed': {
      const since = view.optedOutAt
        ? localTimeWithZone(view.language, view.timeZone, view.optedOutAt)
        : undefined;
      return page(
        t.optOutDoneTitle,
        html`<p>${t.optOutDoneBody(view.address, since)}</p>
          <p class="muted">${t.optOutBack}</p>
          <form method="post">
            <input type="hidden" name="action" value="resubscribe" />
            <button type="submit" class="secondary">${t.resubscribe}</button>
          </form>`
      );
    }
    case 'resubscribed':
      return page(t.resubscribedTitle, html`<p>${t.resubscribedBody(view.address)}</p>`);
  }
};
