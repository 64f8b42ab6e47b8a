import type { CaseView } from '#functions/follow-up/pages/case-page.ts';
import { caseTimeline } from '#functions/follow-up/case-timeline.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { followUpItem } from './ddb-fixtures.ts';

/**
 * A case page's view of a case (followUpItem unless `followUp` says otherwise), in English
 * and Moscow time, as an owner's link shows it (not a test file itself).
 */
export const caseView = (
  overrides: Partial<Omit<CaseView, 'followUp'>> & { followUp?: Partial<FollowUp> } = {}
): CaseView => {
  const { followUp: caseOverrides, ...rest } = overrides;
  const followUp = followUpItem(caseOverrides);
  return {
    language: 'en',
    timeZone: 'Europe/Moscow',
    followUp,
    holderRole: 'owner',
    pagePath: '/f/token',
    timeline: caseTimeline(followUp, []),
    ...rest,
  };
};
