import { UNASSIGNED } from '#shared/kernel/business-unit-alias.ts';
import type { AccessGrant, ScopedItem } from '#shared/access/access-grant.ts';
import { publicFollowUp, type FollowUp } from '#shared/data/follow-up.ts';
import type { AccessSettings } from '#shared/settings/access-settings.ts';

/** What a case's scope is checked by: its business unit (as its work lists key it) and owner. */
export const caseScope = (followUp: FollowUp): ScopedItem => ({
  unit: followUp.businessUnit ?? UNASSIGNED,
  ownerEmail: followUp.owner.email,
});

/** Whether the grant lets its holder see the case (else: 404, as a missing one). */
export const seesCase = (grant: AccessGrant, followUp: FollowUp): boolean =>
  (grant.units === 'all' || grant.units.includes(caseScope(followUp).unit)) &&
  grant.sees(caseScope(followUp));

type CaseView = Omit<
  ReturnType<typeof publicFollowUp>,
  'requesterName' | 'requesterEmail' | 'comment'
> &
  Partial<Pick<FollowUp, 'requesterName' | 'requesterEmail' | 'comment'>>;

/**
 * A case as the admin API shows it to this principal: a business-unit viewer gets no
 * personal data of the requester (name, e-mail, the free-text comment) unless the
 * installation allows it (`access.viewersSeeRequester`); the score and the case's facts stay.
 */
export const caseView = (
  followUp: FollowUp,
  grant: AccessGrant,
  settings: Pick<AccessSettings, 'access'>
): CaseView => {
  const shown: CaseView = publicFollowUp(followUp);
  if (grant.principal.role !== 'unit-viewer' || settings.access.viewersSeeRequester) return shown;
  delete shown.requesterName;
  delete shown.requesterEmail;
  delete shown.comment;
  return shown;
};
