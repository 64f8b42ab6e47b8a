import type { DataStores } from '#shared/data/data-stores.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { caseLinkValidUntil } from '#shared/kernel/follow-up-rules.ts';
import { sendMail, type MailDeps } from '#shared/mail/send-mail.ts';
import { holderOf, type CaseLinkRecipient } from './case-link-holder.ts';
import { renderCaseOwnerEmail, type CaseMailSettings } from './mail/follow-up-emails.ts';

/** What the handlers that mail a case link need: the case, a token, mail, links. */
export interface CaseMailDeps extends Pick<DataStores, 'followUps' | 'tokens'> {
  readonly mail: MailDeps;
  readonly publicBaseUrl: string;
  /** The case's maximum age (`followUp.maxAge`): how long its links work. */
  readonly maxAgeSeconds: number;
  readonly now: () => Date;
  /** The mail's branding, the SSC's language and time zone. */
  readonly settings: CaseMailSettings;
}

/**
 * Mails a contact a personal link to the case, valid until the case's maximum age. The
 * link records its holder, so a later assignment can revoke an owner's link and a
 * resolution through it records who resolved.
 */
export const mailCaseLink = async (
  deps: CaseMailDeps,
  followUp: FollowUp,
  to: CaseLinkRecipient
): Promise<void> => {
  const token = await deps.tokens.issue({
    kind: 'case',
    subjectId: followUp.followUpId,
    validUntil: caseLinkValidUntil(followUp, deps.maxAgeSeconds),
    holder: holderOf(to),
  });
  const caseUrl = `${deps.publicBaseUrl}/f/${token}`;
  const rendered = renderCaseOwnerEmail(followUp, caseUrl, to.role, deps.settings);
  await sendMail(deps.mail, { to: to.email, ...rendered });
};
