import type { Language } from '#shared/kernel/language.ts';
import { sharedWords } from '#shared/layout/words.ts';
import { frameSlots, frameText, type RenderedMail } from '#shared/mail/mail-frame.ts';
import { timeAgo } from '#shared/mail/mail-time.ts';
import { fillTemplate } from '#shared/mail/mail-template.ts';
import type { Branding } from '#shared/settings/branding-settings.ts';
import { csiWords } from '../words.ts';
import { surveyEmailTemplate } from './survey-email.template.ts';

export interface SurveyEmailInput {
  readonly language: Language;
  readonly kind: 'invitation' | 'reminder';
  readonly requesterName?: string | undefined;
  readonly ticketNumber: string;
  readonly title?: string | undefined;
  readonly ratingUrl: string;
  readonly unsubscribeUrl: string;
  readonly branding: Branding;
  /** Scores below it open a follow-up case: the mail says so. */
  readonly followUpThreshold: number;
  /** What a click does (the copy says it): rating.policy. */
  readonly ratingPolicy: 'strict' | 'balanced';
  /** When the invitation went (a reminder says how long ago), and the time of this mail. */
  readonly invitedAt: Date;
  readonly now: Date;
}

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * The CSI invitation or reminder (survey-email.mjml): five score buttons (each opens the
 * rating page with that score chosen; nothing is recorded until the person confirms it
 * there), the scale in words, the SSC's signature and contact line, an unsubscribe link,
 * and a plain-text part with the same links.
 */
export const renderSurveyEmail = (input: SurveyEmailInput): RenderedMail => {
  const t = csiWords[input.language];
  const { ticket, greeting } = sharedWords[input.language];
  const subject =
    input.kind === 'invitation'
      ? t.inviteSubject(input.ticketNumber)
      : t.reminderSubject(input.ticketNumber);
  const intro =
    input.kind === 'invitation'
      ? t.inviteIntro
      : t.reminderIntro(timeAgo(input.language, input.invitedAt, input.now));
  const scoreUrl = (score: number) => `${input.ratingUrl}?score=${score}`;
  const label = (score: number) => t.scoreButton(score, t.scoreLabels[score - 1] ?? '');
  const note = t.followUpNote(input.followUpThreshold);
  const frame = frameSlots(input.branding, input.language);
  const html = fillTemplate(
    surveyEmailTemplate,
    {
      ...frame.slots,
      lang: input.language,
      subject,
      preview: t.question,
      greeting: greeting(input.requesterName),
      intro,
      ticketLabel: ticket,
      ticketNumber: input.ticketNumber,
      title: input.title ?? '',
      question: t.question,
      score1Url: scoreUrl(1),
      score2Url: scoreUrl(2),
      score3Url: scoreUrl(3),
      score4Url: scoreUrl(4),
      score5Url: scoreUrl(5),
      score1Label: label(1),
      score2Label: label(2),
      score3Label: label(3),
      score4Label: label(4),
      score5Label: label(5),
      legend: t.scaleLegend(t.scoreLabels),
      howTo: t.howTo(input.ratingPolicy),
      note,
      unsubscribeUrl: input.unsubscribeUrl,
      unsubscribeLabel: t.unsubscribe,
    },
    { ...frame.blocks, title: Boolean(input.title) }
  );
  const text = [
    greeting(input.requesterName),
    '',
    intro,
    '',
    `${ticket} ${input.ticketNumber}${input.title ? `: ${input.title}` : ''}`,
    '',
    t.question,
    t.howTo(input.ratingPolicy),
    '',
    ...SCORES.map((score) => `${score} — ${t.scoreLabels[score - 1] ?? ''}: ${scoreUrl(score)}`),
    ...(note ? ['', note] : []),
    '',
    ...frameText(input.branding, input.language),
    '',
    `${t.unsubscribe}: ${input.unsubscribeUrl}`,
  ].join('\n');
  return { subject, html, text, fromName: input.branding.senderName[input.language] };
};
