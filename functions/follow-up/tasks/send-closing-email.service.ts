import type { DataStores } from '#shared/data/data-stores.ts';
import { closingMailDue } from '#shared/kernel/follow-up-rules.ts';
import { sendMail, type MailDeps } from '#shared/mail/send-mail.ts';
import { logger } from '#shared/powertools.ts';
import type { Branding } from '#shared/settings/branding-settings.ts';
import { renderClosingEmail } from '../mail/follow-up-emails.ts';

export interface ClosingMailDeps extends Pick<DataStores, 'followUps'> {
  readonly mail: MailDeps;
  readonly now: () => Date;
  /** The SSC's name, signature and contact line the mail carries. */
  readonly settings: { readonly branding: Branding };
}

/** The requester's "what we did" mail, once, when the owner chose to send it. */
export const sendClosingEmail = async (
  deps: ClosingMailDeps,
  followUpId: string
): Promise<{ sent: boolean }> => {
  const followUp = await deps.followUps.get(followUpId);
  if (!closingMailDue(followUp) || !followUp.requesterEmail) return { sent: false };
  if (!(await deps.followUps.claimClosingMail(followUpId, deps.now().toISOString())))
    return { sent: false };
  try {
    await sendMail(deps.mail, {
      to: followUp.requesterEmail,
      ...renderClosingEmail(followUp, deps.settings.branding),
    });
  } catch (error) {
    // Give the claim back, so the workflow's retry (e.g. after SES throttling) sends it;
    // the mail's error is the one that counts, whatever happens here.
    try {
      await deps.followUps.releaseClosingMail(followUpId);
    } catch (releaseError) {
      logger.error('closing mail claim not released', { followUpId, error: releaseError });
    }
    throw error;
  }
  return { sent: true };
};
