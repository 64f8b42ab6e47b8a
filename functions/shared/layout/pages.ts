import { html, type SafeHtml } from '../kernel/html.ts';
import { dictionaries, REASONS, ROOT_CAUSES, type Language } from '../kernel/i18n.ts';
import { renderPage } from './page-layout.ts';

/** The pages people see: rating, thanks, opt-out, case, and the error pages. */
export interface RatingPageInput {
  readonly language: Language;
  readonly ticketNumber: string;
  readonly title?: string | undefined;
  readonly score?: number | undefined;
  readonly reasons?: readonly string[];
  readonly comment?: string;
  readonly errors?: readonly string[];
}

const errorList = (errors: readonly string[] | undefined): SafeHtml | string =>
  errors && errors.length > 0
    ? html`<div class="errors" role="alert">
        <ul>
          ${errors.map((e) => html`<li>${e}</li>`)}
        </ul>
      </div>`
    : '';

const ticketLine = (language: Language, ticketNumber: string, title: string | undefined) =>
  html`<p class="ticket">
    <strong>${dictionaries[language].ticket} ${ticketNumber}</strong
    >${title ? html`<br />${title}` : ''}
  </p>`;

export const ratingPage = (input: RatingPageInput): string => {
  const t = dictionaries[input.language];
  const chosen = new Set(input.reasons ?? []);
  return renderPage(
    input.language,
    t.ratingTitle,
    html`<h1>${t.ratingTitle}</h1>
      ${ticketLine(input.language, input.ticketNumber, input.title)} ${errorList(input.errors)}
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
                ${t.reasons[reason]}</label
              >`
          )}
        </fieldset>
        <label class="block" for="comment">${t.comment}</label>
        <textarea id="comment" name="comment" maxlength="2000">${input.comment ?? ''}</textarea>
        <button type="submit">${t.submit}</button>
      </form>`
  );
};

export const thankYouPage = (language: Language, score: number, followUp: boolean): string => {
  const t = dictionaries[language];
  return renderPage(
    language,
    t.thanksTitle,
    html`<h1>${t.thanksTitle}</h1>
      <p>${t.thanksBody} ${t.yourScore}: <strong>${score}</strong>.</p>
      ${followUp ? html`<p>${t.thanksLow}</p>` : ''}
      <p class="muted">${t.changeHint}</p>`
  );
};

export type ErrorKind = 'not-found' | 'gone' | 'bad-request' | 'error';

export const errorPage = (
  language: Language,
  kind: ErrorKind,
  details?: readonly string[]
): string => {
  const t = dictionaries[language];
  const [title, body] =
    kind === 'not-found'
      ? [t.notFoundTitle, t.notFoundBody]
      : kind === 'gone'
        ? [t.goneTitle, t.goneBody]
        : kind === 'bad-request'
          ? [t.badRequestTitle, '']
          : [t.errorTitle, t.errorBody];
  return renderPage(
    language,
    title,
    html`<h1>${title}</h1>
      ${body ? html`<p>${body}</p>` : ''}${errorList(details)}`
  );
};

export const optOutPage = (language: Language, done: boolean): string => {
  const t = dictionaries[language];
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

export interface CasePageInput {
  readonly language: Language;
  readonly ticketNumber: string;
  readonly title?: string | undefined;
  readonly score: number;
  readonly comment: string;
  readonly reasons: readonly string[];
  readonly requesterName?: string | undefined;
  readonly dueAt: string;
  readonly status: string;
  readonly errors?: readonly string[];
}

export const casePage = (input: CasePageInput): string => {
  const t = dictionaries[input.language];
  const reasonNames = input.reasons.map((r) =>
    r in t.reasons ? t.reasons[r as keyof typeof t.reasons] : r
  );
  return renderPage(
    input.language,
    t.caseTitle,
    html`<h1>${t.caseTitle}</h1>
      ${ticketLine(input.language, input.ticketNumber, input.title)}
      <dl>
        <dt>${t.caseScore}</dt>
        <dd>${input.score}</dd>
        <dt>${t.caseReasons}</dt>
        <dd>${reasonNames.join(', ') || '—'}</dd>
        <dt>${t.caseComment}</dt>
        <dd>${input.comment || '—'}</dd>
        <dt>${t.caseRequester}</dt>
        <dd>${input.requesterName ?? '—'}</dd>
        <dt>${t.caseDue}</dt>
        <dd>
          <time datetime="${input.dueAt}">${input.dueAt.slice(0, 16).replace('T', ' ')} UTC</time>
        </dd>
      </dl>
      ${errorList(input.errors)}
      <form method="post">
        <label class="block" for="rootCause">${t.rootCause}</label>
        <select id="rootCause" name="rootCause" required>
          <option value=""></option>
          ${ROOT_CAUSES.map((cause) => html`<option value="${cause}">${t.rootCauses[cause]}</option>`)}
        </select>
        <label class="block" for="correctiveAction">${t.correctiveAction}</label>
        <textarea
          id="correctiveAction"
          name="correctiveAction"
          maxlength="4000"
          required
        ></textarea>
        <label class="check"
          ><input type="checkbox" name="notifyRequester" value="yes" checked />
          ${t.notifyRequester}</label
        >
        <label class="block" for="messageToRequester">${t.messageToRequester}</label>
        <textarea id="messageToRequester" name="messageToRequester" maxlength="2000"></textarea>
        <button type="submit">${t.resolveCase}</button>
      </form>`
  );
};

export const caseResolvedPage = (language: Language): string => {
  const t = dictionaries[language];
  return renderPage(
    language,
    t.caseResolvedTitle,
    html`<h1>${t.caseResolvedTitle}</h1>
      <p>${t.caseResolvedBody}</p>`
  );
};
