import type { FollowUp } from '#shared/data/follow-up.ts';
import { html } from '#shared/kernel/html.ts';
import { sharedWords } from '#shared/layout/words.ts';
import { mailButton, mailLayout } from '#shared/mail/layout.ts';
import { followUpWords } from '../words.ts';

/** The owner's case mail, the escalation mail and the requester's "what we did" mail. */
export const renderCaseOwnerEmail = (
  followUp: FollowUp,
  caseUrl: string,
  kind: 'owner' | 'escalation'
) => {
  const t = followUpWords[followUp.locale];
  const { ticket } = sharedWords[followUp.locale];
  const subject =
    kind === 'owner'
      ? t.caseOwnerSubject(followUp.ticketNumber, followUp.score)
      : t.escalationSubject(followUp.ticketNumber);
  const intro = kind === 'owner' ? t.caseOwnerBody : t.escalationBody(followUp.owner.name);
  const due = `${followUp.dueAt.slice(0, 16).replace('T', ' ')} UTC`;
  const changed =
    followUp.openingScore !== undefined && followUp.openingScore !== followUp.score
      ? ` (${t.caseScoreChangedFrom(followUp.openingScore)})`
      : '';
  const lifted = followUp.liftedAboveThresholdAt ? t.caseLifted : '';
  const body = html`<p style="margin:0 0 12px 0;">
      ${intro} <strong>${kind === 'owner' ? due : ''}</strong>
    </p>
    <p style="margin:0 0 12px 0;padding:12px;background:#f9fafb;border-left:4px solid #dc2626;">
      <strong>${ticket} ${followUp.ticketNumber}</strong
      >${followUp.title ? html`<br />${followUp.title}` : ''}<br />${t.caseScore}:
      <strong>${followUp.score}</strong>${changed}${
        lifted ? html`<br />${lifted}` : ''
      }${followUp.comment ? html`<br />${t.caseComment}: ${followUp.comment}` : ''}
    </p>
    ${mailButton(caseUrl, t.caseOpen)}`;
  const text = [
    intro + (kind === 'owner' ? ` ${due}` : ''),
    '',
    `${ticket} ${followUp.ticketNumber}${followUp.title ? `: ${followUp.title}` : ''}`,
    `${t.caseScore}: ${followUp.score}${changed}`,
    lifted,
    followUp.comment ? `${t.caseComment}: ${followUp.comment}` : '',
    '',
    `${t.caseOpen}: ${caseUrl}`,
  ].join('\n');
  return { subject, html: mailLayout(followUp.locale, subject, body, html``), text };
};

export const renderClosingEmail = (followUp: FollowUp) => {
  const t = followUpWords[followUp.locale];
  const { greeting } = sharedWords[followUp.locale];
  const subject = t.closingSubject(followUp.ticketNumber);
  const message = followUp.messageToRequester?.trim() || followUp.correctiveAction || '';
  // The requester's current rating: the one the case followed to its end.
  const score = t.closingScore(followUp.score);
  const body = html`<p style="margin:0 0 12px 0;">${greeting(followUp.requesterName)}</p>
    <p style="margin:0 0 12px 0;">${t.closingBody}</p>
    <p style="margin:0 0 12px 0;">${score}</p>
    <p
      style="margin:0 0 12px 0;padding:12px;background:#f9fafb;border-left:4px solid #16a34a;white-space:pre-line;"
    >
      ${message}
    </p>`;
  const text = [greeting(followUp.requesterName), '', t.closingBody, score, '', message].join('\n');
  return { subject, html: mailLayout(followUp.locale, subject, body, html``), text };
};
