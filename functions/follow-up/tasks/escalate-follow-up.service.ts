import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '#shared/powertools.ts';
import { escalationContactOf } from '../case-link-holder.ts';
import { mailCaseLink, type CaseMailDeps } from '../case-link.ts';

/** SLA over: the case is marked overdue and its escalation contact gets the case link. */
export const escalate = async (
  deps: CaseMailDeps,
  followUpId: string
): Promise<{ escalated: boolean }> => {
  // The transition needs the case's unit and due time: they place it on the work lists.
  const open = await deps.followUps.find(followUpId);
  if (!open) return { escalated: false };
  const now = deps.now().toISOString();
  const escalated = await deps.followUps.transition(open, ['open'], 'overdue', {
    updatedAt: now,
    escalatedAt: now,
  });
  // Resolved or escalated already: nothing to do.
  if (!escalated) return { escalated: false };
  const followUp = await deps.followUps.get(followUpId);
  await mailCaseLink(deps, followUp, escalationContactOf(followUp));
  metrics.addMetric('FollowUpOverdue', MetricUnit.Count, 1);
  return { escalated: true };
};
