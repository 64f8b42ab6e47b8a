import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DataStores } from '#shared/data/data-stores.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import type { SurveyResponse } from '#shared/data/response.ts';
import type { Survey } from '#shared/data/survey.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import { isLowScore } from '#shared/kernel/survey-rules.ts';
import { logger, metrics } from '#shared/powertools.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import { followUpTimers, routeFollowUp } from '#shared/settings/follow-up-settings.ts';
import type { WorkflowPort } from '#shared/workflow/workflow-port.ts';

export interface OpenFollowUpDeps extends Pick<
  DataStores,
  'surveys' | 'responses' | 'followUps' | 'aggregates' | 'transact'
> {
  readonly workflow: Pick<WorkflowPort, 'startNamed'>;
  readonly followUpStateMachineArn: string;
  readonly settings: CsiSettings;
  readonly now: () => Date;
}

/** The case of a low rating: the ticket, the rating, the route, the SLA. */
const newCase = (
  settings: CsiSettings,
  survey: Survey,
  response: SurveyResponse,
  now: Date
): FollowUp => {
  const { owner, escalation } = routeFollowUp(settings, survey.businessUnit, survey.service);
  const openedAt = now.toISOString();
  return {
    followUpId: survey.surveyId,
    surveyId: survey.surveyId,
    ticketId: survey.ticketId,
    ticketNumber: survey.ticketNumber,
    title: survey.title,
    requesterName: survey.requesterName,
    requesterEmail: survey.requesterEmail,
    locale: survey.locale,
    score: response.score,
    comment: response.comment,
    reasons: response.reasons,
    businessUnit: survey.businessUnit,
    service: survey.service,
    team: survey.team,
    owner,
    escalation,
    status: 'open',
    openedAt,
    updatedAt: openedAt,
    dueAt: new Date(now.getTime() + followUpTimers(settings).slaSeconds * 1000).toISOString(),
    aggregateDay: survey.aggregateDay,
    aggregateDimension: survey.aggregateDimension,
  };
};

/**
 * Opens the follow-up case of a low rating, exactly once per survey (the case id is the
 * survey id and the write is conditional), routed to its owner by business unit and
 * service, with the day's `followUpsOpened` counter in the same transaction; then starts
 * the case's workflow by name, which is idempotent too. Called by the CSI workflow after
 * a rating, and by the rating page when no workflow waits any more (a late or changed score).
 */
export const openFollowUp = async (
  deps: OpenFollowUpDeps,
  surveyId: string
): Promise<{ opened: boolean; followUpId?: string }> => {
  const [survey, response] = await Promise.all([
    deps.surveys.get(surveyId),
    deps.responses.find(surveyId),
  ]);
  if (!response || !isLowScore(response.score, deps.settings)) return { opened: false };
  const followUp = newCase(deps.settings, survey, response, deps.now());
  let opened = true;
  try {
    await deps.transact([
      deps.followUps.openItem(followUp),
      deps.surveys.linkFollowUpItem(surveyId, followUp.followUpId),
      deps.aggregates.addItem(survey, { followUpsOpened: 1 }),
    ]);
  } catch (error) {
    if (!conditionFailed(error, 0)) throw error;
    opened = false;
  }
  await deps.workflow.startNamed(deps.followUpStateMachineArn, surveyId, {
    followUpId: surveyId,
    timers: followUpTimers(deps.settings),
  });
  if (opened) {
    metrics.addMetric('FollowUpOpened', MetricUnit.Count, 1);
    logger.info('follow-up opened', { followUpId: surveyId, score: response.score });
  }
  return { opened, followUpId: surveyId };
};
