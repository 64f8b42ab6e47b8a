/**
 * One contact policy for every survey mail, CSI and NPS: at most one survey invitation to a
 * person per period P (default P7D). NPS has priority: its invitation goes when the
 * campaign sends it, whatever CSI mail came before (the campaign can leave out people with a
 * recent CSI mail instead: audience-rules.ts, `recent-csi-mail`). A CSI invitation that would
 * come within P of the person's last survey invitation of either kind is delayed to the
 * first allowed time, never dropped: the ticket is still asked about, a little later.
 *
 * Reminders are not counted: a reminder belongs to the survey already sent and asks no new
 * question (the CSI reminder at +3 days would otherwise break a 7-day policy by itself).
 * Sending exactly P after the last invitation is allowed. P = 0 turns the policy off.
 */
export type SurveyKind = 'csi' | 'nps';

export interface SurveyMail {
  readonly kind: SurveyKind;
  /** When the invitation went, ISO-8601. */
  readonly sentAt: string;
}

export type ContactDecision =
  | { readonly action: 'send' }
  | {
      readonly action: 'delay';
      /** The first allowed time, ISO-8601. */
      readonly until: string;
      /** The invitation that holds it back. */
      readonly because: SurveyMail;
    };

export const DEFAULT_CONTACT_PERIOD_SECONDS = 7 * 86400;

/**
 * Whether an invitation of `kind` goes now or waits. `mails` are the person's earlier survey
 * invitations, any order, any number (the last one decides; a time in the future, such as
 * an NPS invitation recorded for a batch about to go, counts as well).
 */
export const contactDecision = (
  kind: SurveyKind,
  mails: readonly SurveyMail[],
  now: Date,
  periodSeconds = DEFAULT_CONTACT_PERIOD_SECONDS
): ContactDecision => {
  if (kind === 'nps' || periodSeconds <= 0) return { action: 'send' };
  const last = mails.reduce<SurveyMail | undefined>(
    (latest, mail) =>
      latest === undefined || Date.parse(mail.sentAt) > Date.parse(latest.sentAt) ? mail : latest,
    undefined
  );
  if (!last) return { action: 'send' };
  const allowedAt = Date.parse(last.sentAt) + periodSeconds * 1000;
  return allowedAt <= now.getTime()
    ? { action: 'send' }
    : { action: 'delay', until: new Date(allowedAt).toISOString(), because: last };
};
