import type { FollowUp } from '#shared/data/follow-up.ts';
import { html, type SafeHtml } from '#shared/kernel/html.ts';
import type { Language } from '#shared/kernel/language.ts';
import { REASONS, type Reason } from '#shared/kernel/reasons.ts';
import { sharedWords } from '#shared/layout/words.ts';
import { frameSlots, frameText, type RenderedMail } from '#shared/mail/mail-frame.ts';
import { formatDateTime } from '#shared/mail/mail-time.ts';
import { fillTemplate, multiline } from '#shared/mail/mail-template.ts';
import type { Branding } from '#shared/settings/branding-settings.ts';
import { followUpWords } from '../words.ts';
import { caseEmailTemplate } from './case-email.template.ts';
import { closingEmailTemplate } from './closing-email.template.ts';

/** What the case mails take from the settings: the frame, the staff's language, the clock. */
export interface CaseMailSettings {
  readonly branding: Branding;
  readonly sscLanguage: Language;
  readonly timeZone: string;
}

const isReason = (value: string): value is Reason => (REASONS as readonly string[]).includes(value);

/** The case's facts, label and value, in the staff's language; the absent ones left out. */
const caseFacts = (followUp: FollowUp, language: Language): [string, string][] => {
  const t = followUpWords[language];
  const { reasons } = sharedWords[language];
  const changed =
    followUp.openingScore !== undefined && followUp.openingScore !== followUp.score
      ? ` (${t.caseScoreChangedFrom(followUp.openingScore)})`
      : '';
  const facts: [string, string | undefined][] = [
    [t.caseScore, `${followUp.score}${changed}`],
    [t.caseReasons, followUp.reasons.map((r) => (isReason(r) ? reasons[r] : r)).join(', ')],
    [t.caseComment, followUp.comment],
    [t.caseRequester, followUp.requesterName],
    [t.caseService, followUp.service?.name],
    [t.caseBusinessUnit, followUp.businessUnitRaw?.name],
    [t.caseTeam, followUp.team?.name],
  ];
  return facts.filter((f): f is [string, string] => Boolean(f[1]?.trim()));
};

const factsHtml = (facts: [string, string][], lifted: string): SafeHtml =>
  html`${facts.map(([label, value], i) => html`${i ? html`<br />` : ''}<strong>${label}:</strong> ${value}`)}${
    lifted ? html`<br />${lifted}` : ''
  }`;

/**
 * The owner's case mail and the escalation mail (case-email.mjml), in the SSC's language
 * whatever the requester's, with the due time in the installation's time zone.
 */
export const renderCaseOwnerEmail = (
  followUp: FollowUp,
  caseUrl: string,
  kind: 'owner' | 'escalation',
  settings: CaseMailSettings
): RenderedMail => {
  const language = settings.sscLanguage;
  const t = followUpWords[language];
  const { ticket } = sharedWords[language];
  const subject =
    kind === 'owner'
      ? t.caseOwnerSubject(followUp.ticketNumber, followUp.score)
      : t.escalationSubject(followUp.ticketNumber);
  const intro = kind === 'owner' ? t.caseOwnerBody : t.escalationBody(followUp.owner.name);
  const dueLabel = kind === 'owner' ? t.caseDue : t.caseDuePassed;
  const due = formatDateTime(language, settings.timeZone, followUp.dueAt);
  const facts = caseFacts(followUp, language);
  const lifted = followUp.liftedAboveThresholdAt ? t.caseLifted : '';
  const frame = frameSlots(settings.branding, language);
  const body = fillTemplate(
    caseEmailTemplate,
    {
      ...frame.slots,
      lang: language,
      subject,
      preview: intro,
      intro,
      dueLabel,
      due,
      ticketLabel: ticket,
      ticketNumber: followUp.ticketNumber,
      title: followUp.title ?? '',
      facts: factsHtml(facts, lifted),
      caseUrl,
      caseOpen: t.caseOpen,
      linkNote: t.caseLinkNote,
    },
    { ...frame.blocks, due: true, title: Boolean(followUp.title) }
  );
  const text = [
    intro,
    `${dueLabel}: ${due}`,
    '',
    `${ticket} ${followUp.ticketNumber}${followUp.title ? `: ${followUp.title}` : ''}`,
    ...facts.map(([label, value]) => `${label}: ${value}`),
    ...(lifted ? [lifted] : []),
    '',
    `${t.caseOpen}: ${caseUrl}`,
    t.caseLinkNote,
    '',
    ...frameText(settings.branding, language),
  ].join('\n');
  return { subject, html: body, text, fromName: settings.branding.senderName[language] };
};

/**
 * The requester's "what we did" mail (closing-email.mjml), in the requester's language,
 * with the SSC's signature and contact line. It carries only the message the owner wrote
 * for the requester: the corrective action is internal and is never mailed to them.
 */
export const renderClosingEmail = (followUp: FollowUp, branding: Branding): RenderedMail => {
  const language = followUp.locale;
  const t = followUpWords[language];
  const { greeting, ticket } = sharedWords[language];
  const subject = t.closingSubject(followUp.ticketNumber);
  const message = followUp.messageToRequester?.trim() ?? '';
  const intro = message ? t.closingBody : t.closingNoMessage;
  // The requester's current rating: the one the case followed to its end.
  const score = t.closingScore(followUp.score);
  const frame = frameSlots(branding, language);
  const body = fillTemplate(
    closingEmailTemplate,
    {
      ...frame.slots,
      lang: language,
      subject,
      preview: intro,
      greeting: greeting(followUp.requesterName),
      intro,
      ticketLabel: ticket,
      ticketNumber: followUp.ticketNumber,
      title: followUp.title ?? '',
      score,
      message: multiline(message),
    },
    { ...frame.blocks, title: Boolean(followUp.title) }
  );
  const text = [
    greeting(followUp.requesterName),
    '',
    intro,
    '',
    `${ticket} ${followUp.ticketNumber}${followUp.title ? `: ${followUp.title}` : ''}`,
    score,
    ...(message ? ['', message] : []),
    '',
    ...frameText(branding, language),
  ].join('\n');
  return { subject, html: body, text, fromName: branding.senderName[language] };
};
