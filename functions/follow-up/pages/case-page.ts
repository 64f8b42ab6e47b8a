import { html } from '#shared/kernel/html.ts';
import type { Language } from '#shared/kernel/language.ts';
import { REASONS } from '#shared/kernel/reasons.ts';
import { errorList } from '#shared/layout/error-list.ts';
import { renderPage } from '#shared/layout/page-layout.ts';
import { ticketLine } from '#shared/layout/ticket-line.ts';
import { sharedWords } from '#shared/layout/words.ts';
import { ROOT_CAUSES } from '../root-causes.ts';
import { followUpWords } from '../words.ts';

export interface CasePageInput {
  readonly language: Language;
  readonly ticketNumber: string;
  readonly title?: string | undefined;
  /** The current score (the case follows a changed rating). */
  readonly score: number;
  /** The score the case was opened with, when it differs from the current one. */
  readonly openingScore?: number | undefined;
  /** Set when a changed rating lifted the score to the threshold or above. */
  readonly liftedAboveThresholdAt?: string | undefined;
  readonly comment: string;
  readonly reasons: readonly string[];
  readonly requesterName?: string | undefined;
  readonly dueAt: string;
  readonly status: string;
  readonly errors?: readonly string[];
}

/** A stored reason by its name; one no longer offered (an older rating's) as it was stored. */
const reasonName = (language: Language, stored: string): string => {
  const reason = REASONS.find((known) => known === stored);
  return reason ? sharedWords[language].reasons[reason] : stored;
};

/** The current score, what it was when the case opened, and whether a change lifted it. */
export const scoreLine = (
  language: Language,
  input: Pick<CasePageInput, 'score' | 'openingScore' | 'liftedAboveThresholdAt'>
) => {
  const t = followUpWords[language];
  const changed =
    input.openingScore !== undefined && input.openingScore !== input.score
      ? html` (${t.caseScoreChangedFrom(input.openingScore)})`
      : '';
  const lifted = input.liftedAboveThresholdAt
    ? html`<p class="note" role="status">${t.caseLifted}</p>`
    : '';
  return { score: html`<strong>${input.score}</strong>${changed}`, lifted };
};

/** The case as the owner sees it, with the form that records its root cause and action. */
export const casePage = (input: CasePageInput): string => {
  const t = followUpWords[input.language];
  const reasonNames = input.reasons.map((r) => reasonName(input.language, r));
  const score = scoreLine(input.language, input);
  return renderPage(
    input.language,
    t.caseTitle,
    html`<h1>${t.caseTitle}</h1>
      ${ticketLine(input.language, input.ticketNumber, input.title)} ${score.lifted}
      <dl>
        <dt>${t.caseScore}</dt>
        <dd>${score.score}</dd>
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

/** What a resolved case has on record, for the answer to a second resolve. */
export interface RecordedResolution {
  readonly language: Language;
  readonly score: number;
  readonly openingScore?: number | undefined;
  readonly liftedAboveThresholdAt?: string | undefined;
  readonly rootCause?: string | undefined;
  readonly correctiveAction?: string | undefined;
  readonly resolvedAt?: string | undefined;
}

const rootCauseName = (language: Language, stored: string | undefined): string => {
  const cause = ROOT_CAUSES.find((known) => known === stored);
  return cause ? followUpWords[language].rootCauses[cause] : (stored ?? '—');
};

/**
 * The answer (409) to a resolve of a case resolved already (a second submit, or ten at once):
 * the form was not recorded, and this is what is on record.
 */
export const caseAlreadyResolvedPage = (input: RecordedResolution): string => {
  const t = followUpWords[input.language];
  const score = scoreLine(input.language, input);
  return renderPage(
    input.language,
    t.caseAlreadyResolvedTitle,
    html`<h1>${t.caseAlreadyResolvedTitle}</h1>
      <p>${t.caseAlreadyResolvedBody}</p>
      ${score.lifted}
      <dl>
        <dt>${t.caseScore}</dt>
        <dd>${score.score}</dd>
        <dt>${t.rootCause}</dt>
        <dd>${rootCauseName(input.language, input.rootCause)}</dd>
        <dt>${t.correctiveAction}</dt>
        <dd>${input.correctiveAction ?? '—'}</dd>
        <dt>${t.caseResolvedAt}</dt>
        <dd>${input.resolvedAt ? `${input.resolvedAt.slice(0, 16).replace('T', ' ')} UTC` : '—'}</dd>
      </dl>`
  );
};

/** The answer to a resolved case. */
export const caseResolvedPage = (language: Language): string => {
  const t = followUpWords[language];
  return renderPage(
    language,
    t.caseResolvedTitle,
    html`<h1>${t.caseResolvedTitle}</h1>
      <p>${t.caseResolvedBody}</p>`
  );
};
