import type { FollowUp } from '../data/follow-up.ts';
import type { CsiSettings } from '../settings/csi-settings.ts';
import { followUpTimers } from '../settings/follow-up-settings.ts';

/** Whether the requester's "what we did" mail is still to be sent: resolved, asked for, not sent. */
export const closingMailDue = (followUp: FollowUp): boolean =>
  followUp.status === 'resolved' &&
  followUp.notifyRequester === true &&
  Boolean(followUp.requesterEmail) &&
  !followUp.closingEmailSentAt;

/** How long a case lives: its SLA plus the wait after the escalation (`followUp.maxAge`). */
export const caseMaxAgeSeconds = (settings: CsiSettings): number => {
  const timers = followUpTimers(settings);
  return timers.slaSeconds + timers.afterEscalationSeconds;
};

/** Until when a case link works: the case's maximum age after it was opened. */
export const caseLinkValidUntil = (
  followUp: Pick<FollowUp, 'openedAt'>,
  maxAgeSeconds: number
): string => new Date(new Date(followUp.openedAt).getTime() + maxAgeSeconds * 1000).toISOString();
