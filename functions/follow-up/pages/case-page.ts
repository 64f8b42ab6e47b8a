import type { FollowUp } from '#shared/data/follow-up.ts';
import { html, type SafeHtml } from '#shared/kernel/html.ts';
import type { Language } from '#shared/kernel/language.ts';
import { REASONS } from '#shared/kernel/reasons.ts';
import { renderPage } from '#shared/layout/page-layout.ts';
import { sharedWords } from '#shared/layout/words.ts';
import type { Actor, TimelineEntry } from '../case-timeline.ts';
import {
  CORRECTIVE_ACTION_MAX,
  MESSAGE_TO_REQUESTER_MAX,
  NOTE_MAX,
  NOTIFY_REQUESTER_BY_DEFAULT,
} from '../follow-up.schema.ts';
import { ROOT_CAUSES } from '../root-causes.ts';
import { casePageWords, type CasePageWords } from './case-page-words.ts';
import { caseTime } from './case-time.ts';

/** An earlier rating by the same person, as the case page lists it. */
export interface EarlierRating {
  readonly ticketNumber: string;
  readonly score: number;
  readonly at: string;
  /** A comment came with it (read on its own case; not shown here). */
  readonly commented: boolean;
}

/** Everything the case page shows of a case, in the SSC's language and time zone. */
export interface CaseView {
  readonly language: Language;
  readonly timeZone: string;
  readonly followUp: FollowUp;
  /** The ticket in its ticket system, when its source has a URL template. */
  readonly ticketUrl?: string | undefined;
  readonly agentName?: string | undefined;
  /** Only for a holder who may see it (case-access.ts). */
  readonly requesterEmail?: string | undefined;
  readonly holderRole: 'owner' | 'escalation';
  /** The page's own path (`/f/<token>`): its forms post to it and below it. */
  readonly pagePath: string;
  readonly timeline: readonly TimelineEntry[];
  /** Undefined: not known (no lookup); empty: none. */
  readonly earlier?: readonly EarlierRating[] | undefined;
}

export type CaseForm = 'note' | 'resolve' | 'assign';

/** A form sent back with what was wrong and what was typed, so nothing is lost. */
export interface FormState {
  readonly form: CaseForm;
  readonly errors: readonly string[];
  readonly values: Readonly<Record<string, string>>;
}

/** A stored reason by its name; one no longer offered (an older rating's) as it was stored. */
const reasonName = (language: Language, stored: string): string => {
  const reason = REASONS.find((known) => known === stored);
  return reason ? sharedWords[language].reasons[reason] : stored;
};

const rootCauseName = (t: CasePageWords, stored: string | undefined): string => {
  const cause = ROOT_CAUSES.find((known) => known === stored);
  return cause ? t.rootCauses[cause] : (stored ?? t.none);
};

const time = (view: Pick<CaseView, 'language' | 'timeZone'>, iso: string) =>
  html`<time datetime="${iso}">${caseTime(iso, view.language, view.timeZone)}</time>`;

const actorName = (t: CasePageWords, actor: Actor): string =>
  actor.kind === 'person'
    ? actor.name
    : actor.kind === 'owner'
      ? t.byOwner
      : actor.kind === 'escalation'
        ? t.byEscalation
        : actor.kind === 'admin'
          ? `${t.byAdmin}${actor.id ? ` ${actor.id}` : ''}`
          : t.bySystem;

/** The current score, what it was when the case opened, and whether a change lifted it. */
const scoreLine = (t: CasePageWords, followUp: FollowUp) => {
  const changed =
    followUp.openingScore !== undefined && followUp.openingScore !== followUp.score
      ? html` (${t.scoreChangedFrom(followUp.openingScore)})`
      : '';
  const lifted = followUp.liftedAboveThresholdAt
    ? html`<p class="note" role="status">${t.lifted}</p>`
    : '';
  return { score: html`<strong>${followUp.score}</strong>${changed}`, lifted };
};

const statusLabel = (t: CasePageWords, followUp: FollowUp): string =>
  followUp.status !== 'resolved' && followUp.inProgressAt
    ? `${t.statuses[followUp.status]} · ${t.inProgress}`
    : t.statuses[followUp.status];

const ticketHeader = (view: CaseView, t: CasePageWords) => {
  const { followUp } = view;
  const number = html`<strong>${sharedWords[view.language].ticket} ${followUp.ticketNumber}</strong>`;
  const link = view.ticketUrl
    ? html` · <a href="${view.ticketUrl}" rel="noopener noreferrer">${t.openTicket}</a>`
    : '';
  return html`<p class="ticket">
    ${number}${link}${followUp.title ? html`<br />${followUp.title}` : ''}
  </p>`;
};

const row = (term: string, value: SafeHtml | string | undefined, none: string) =>
  html`<dt>${term}</dt>
    <dd>${value === undefined || value === '' ? none : value}</dd>`;

const context = (view: CaseView, t: CasePageWords) => {
  const { followUp } = view;
  const score = scoreLine(t, followUp);
  const requester = followUp.requesterName ?? '';
  const address = view.requesterEmail
    ? html`${requester ? html`${requester}<br />` : ''}<a href="mailto:${view.requesterEmail}"
          >${view.requesterEmail}</a
        >`
    : requester;
  return html`<h2>${t.contextHeading}</h2>
    ${score.lifted}
    <dl>
      ${row(t.score, score.score, t.none)}
      ${row(t.reasons, followUp.reasons.map((r) => reasonName(view.language, r)).join(', '), t.none)}
      ${row(t.comment, followUp.comment, t.none)} ${row(t.requester, address, t.none)}
      ${row(t.service, followUp.service?.name, t.none)}
      ${row(t.businessUnit, followUp.businessUnitRaw?.name, t.none)}
      ${row(t.team, followUp.team?.name, t.none)} ${row(t.agent, view.agentName, t.none)}
      ${row(t.owner, followUp.owner.name, t.none)} ${row(t.due, time(view, followUp.dueAt), t.none)}
    </dl>`;
};

const earlier = (view: CaseView, t: CasePageWords) => {
  if (view.earlier === undefined) return '';
  return html`<h2>${t.earlierHeading}</h2>
    ${
      view.earlier.length === 0
        ? html`<p class="muted">${t.earlierNone}</p>`
        : html`<ul class="plain">
          ${view.earlier.map(
            (e) =>
              html`<li>
                ${time(view, e.at)} · ${t.earlierLine(e.ticketNumber, e.score)}${
                  e.commented ? html` · ${t.earlierCommented}` : ''
                }
              </li>`
          )}
        </ul>`
    }`;
};

const timeline = (view: CaseView, t: CasePageWords) =>
  html`<h2>${t.timelineHeading}</h2>
    <ol class="timeline">
      ${view.timeline.map(
        (entry) =>
          html`<li>
            <span class="when">${time(view, entry.at)}</span>
            <strong>${t.timeline[entry.kind]}</strong>${
              entry.toName ? html` (${t.to(entry.toName)})` : ''
            }${entry.by.kind === 'system' ? '' : html` · ${actorName(t, entry.by)}`}
            ${entry.text ? html`<p class="note-text">${entry.text}</p>` : ''}
          </li>`
      )}
    </ol>`;

const formErrors = (t: CasePageWords, state: FormState | undefined, form: CaseForm) =>
  state?.form === form && state.errors.length > 0
    ? html`<div class="errors" role="alert" id="${form}-errors">
        <p>${t.errorsTitle}</p>
        <ul>
          ${state.errors.map((e) => html`<li>${e}</li>`)}
        </ul>
      </div>`
    : '';

/** What a form showed: what was typed when it comes back with errors, else its default. */
const valueOf = (state: FormState | undefined, form: CaseForm, field: string, fallback = '') =>
  state?.form === form ? (state.values[field] ?? '') : fallback;

const noteForm = (view: CaseView, t: CasePageWords, state: FormState | undefined) => {
  const inProgress = view.followUp.inProgressAt !== undefined;
  return html`<h2>${t.progressHeading}</h2>
    <form method="post" action="${view.pagePath}/note" id="note-form">
      ${formErrors(t, state, 'note')}
      <label class="block" for="note">${t.note}</label>
      <p class="muted" id="note-hint">${t.progressHint}</p>
      <textarea id="note" name="note" maxlength="${NOTE_MAX}" aria-describedby="note-hint">
${valueOf(state, 'note', 'note')}</textarea
      >
      <button type="submit">${inProgress ? t.addNote : t.takeInProgress}</button>
    </form>`;
};

const resolveForm = (view: CaseView, t: CasePageWords, state: FormState | undefined) => {
  const chosen = valueOf(state, 'resolve', 'rootCause');
  const notify =
    valueOf(state, 'resolve', 'notifyRequester', NOTIFY_REQUESTER_BY_DEFAULT ? 'yes' : 'no') !==
    'no';
  const message =
    state?.form === 'resolve'
      ? (state.values.messageToRequester ?? '')
      : t.suggestedMessage(view.followUp.ticketNumber);
  return html`<h2>${t.resolveHeading}</h2>
    <form method="post" action="${view.pagePath}" id="resolve-form">
      ${formErrors(t, state, 'resolve')}
      <label class="block" for="rootCause">${t.rootCause}</label>
      <select id="rootCause" name="rootCause">
        <option value="" ${chosen === '' ? 'selected' : ''}>${t.chooseRootCause}</option>
        ${ROOT_CAUSES.map(
          (cause) =>
            html`<option value="${cause}" ${chosen === cause ? 'selected' : ''}>
              ${t.rootCauses[cause]}
            </option>`
        )}
      </select>
      <label class="block" for="correctiveAction">${t.correctiveAction}</label>
      <p class="muted" id="corrective-hint">${t.correctiveActionHint}</p>
      <textarea
        id="correctiveAction"
        name="correctiveAction"
        maxlength="${CORRECTIVE_ACTION_MAX}"
        aria-describedby="corrective-hint"
      >
${valueOf(state, 'resolve', 'correctiveAction')}</textarea
      >
      <fieldset class="choice">
        <legend>${t.notifyLegend}</legend>
        <label class="check"
          ><input type="radio" name="notifyRequester" value="yes" ${notify ? 'checked' : ''} />
          ${t.notifyYes}</label
        >
        <label class="check"
          ><input type="radio" name="notifyRequester" value="no" ${notify ? '' : 'checked'} />
          ${t.notifyNo}</label
        >
      </fieldset>
      <label class="block" for="messageToRequester">${t.messageToRequester}</label>
      <p class="muted" id="message-hint">${t.messageHint}</p>
      <textarea
        id="messageToRequester"
        name="messageToRequester"
        maxlength="${MESSAGE_TO_REQUESTER_MAX}"
        aria-describedby="message-hint"
      >
${message}</textarea
      >
      <button type="submit">${t.resolve}</button>
    </form>`;
};

const assignForm = (view: CaseView, t: CasePageWords, state: FormState | undefined) =>
  html`<h2>${t.reassignHeading}</h2>
    <form method="post" action="${view.pagePath}/assign" id="assign-form" novalidate>
      ${formErrors(t, state, 'assign')}
      <p class="muted">${view.holderRole === 'owner' ? t.reassignHint : t.reassignHintEscalation}</p>
      <label class="block" for="ownerEmail">${t.ownerEmail}</label>
      <input
        type="email"
        id="ownerEmail"
        name="ownerEmail"
        autocomplete="email"
        value="${valueOf(state, 'assign', 'ownerEmail')}"
      />
      <label class="block" for="ownerName">${t.ownerName}</label>
      <input
        type="text"
        id="ownerName"
        name="ownerName"
        autocomplete="name"
        value="${valueOf(state, 'assign', 'ownerName')}"
      />
      <button type="submit" class="secondary">${t.reassign}</button>
    </form>`;

/** What a resolved case has on record: root cause, action, the word to the requester, who, when. */
const recorded = (view: CaseView, t: CasePageWords) => {
  const { followUp } = view;
  const resolved = view.timeline.find((entry) => entry.kind === 'resolved');
  return html`<h2>${t.resolvedHeading}</h2>
    <dl>
      ${row(t.rootCause, rootCauseName(t, followUp.rootCause), t.none)}
      ${row(t.correctiveAction, followUp.correctiveAction, t.none)}
      ${row(
        t.requesterTold,
        followUp.notifyRequester ? t.requesterToldYes : t.requesterToldNo,
        t.none
      )}
      ${
        followUp.notifyRequester
          ? row(t.messageToRequester, followUp.messageToRequester, t.none)
          : ''
      }
      ${row(t.resolvedBy, resolved ? actorName(t, resolved.by) : undefined, t.none)}
      ${row(t.resolvedAt, followUp.resolvedAt ? time(view, followUp.resolvedAt) : undefined, t.none)}
    </dl>`;
};

/**
 * The case page in each state: open (the forms), in progress (its notes on the timeline),
 * resolved (what was recorded, by whom and when). Phone first: one column, no script.
 */
export const casePage = (view: CaseView, state?: FormState): string => {
  const t = casePageWords[view.language];
  const resolved = view.followUp.status === 'resolved';
  return renderPage(
    view.language,
    t.title,
    html`<h1>${t.title}</h1>
      <p class="status status-${resolved ? 'resolved' : view.followUp.status}">
        ${statusLabel(t, view.followUp)}
      </p>
      ${ticketHeader(view, t)} ${resolved ? recorded(view, t) : ''} ${context(view, t)}
      ${earlier(view, t)} ${timeline(view, t)}
      ${
        resolved
          ? ''
          : html`${noteForm(view, t, state)} ${resolveForm(view, t, state)}
          ${assignForm(view, t, state)}`
      }`
  );
};

/**
 * The answer (409) to a resolve of a case resolved already (a second submit, or ten at once):
 * the form was not recorded, and this is what is on record.
 */
export const caseAlreadyResolvedPage = (view: CaseView): string => {
  const t = casePageWords[view.language];
  return renderPage(
    view.language,
    t.alreadyResolvedTitle,
    html`<h1>${t.alreadyResolvedTitle}</h1>
      <p>${t.alreadyResolvedBody}</p>
      ${ticketHeader(view, t)} ${recorded(view, t)}`
  );
};

/** An owner's link after the case was handed to another owner (410). */
export const caseHandedOverPage = (language: Language): string => {
  const t = casePageWords[language];
  return renderPage(
    language,
    t.handedOverTitle,
    html`<h1>${t.handedOverTitle}</h1>
      <p>${t.handedOverBody}</p>`
  );
};
