import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { conditionFailed, transactWrite } from '#shared/data/transact.ts';
import { followUpTimers, routeFollowUp, type CsiSettings } from '#shared/settings/csi-settings.ts';
import { aggregateUpdate } from '#shared/data/aggregates.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { followUpKey, followUpStatusIndexKey, surveyKey } from '#shared/data/keys.ts';
import { findResponse, getSurvey, type Store } from '#shared/data/store.ts';
import { logger, metrics } from '#shared/powertools.ts';
import { MetricUnit } from '@aws-lambda-powertools/metrics';

export interface OpenFollowUpDeps extends Store {
  readonly sfn: SFNClient;
  readonly followUpStateMachineArn: string;
  readonly settings: CsiSettings;
  readonly now: () => Date;
}

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
    getSurvey(deps, surveyId),
    findResponse(deps, surveyId),
  ]);
  if (!response || response.score >= deps.settings.followUpThreshold) return { opened: false };
  const now = deps.now();
  const timers = followUpTimers(deps.settings);
  const { owner, escalation } = routeFollowUp(deps.settings, survey.businessUnit, survey.service);
  const followUp: FollowUp = {
    followUpId: surveyId,
    surveyId,
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
    openedAt: now.toISOString(),
    dueAt: new Date(now.getTime() + timers.slaSeconds * 1000).toISOString(),
    aggregateDay: survey.aggregateDay,
    aggregateDimension: survey.aggregateDimension,
  };
  let opened = true;
  try {
    await transactWrite(deps.db, {
      TransactItems: [
        {
          Put: {
            TableName: deps.tableName,
            Item: {
              ...followUpKey(surveyId),
              ...followUp,
              gsi2pk: followUpStatusIndexKey('open'),
              gsi2sk: followUp.dueAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: deps.tableName,
            Key: surveyKey(surveyId),
            UpdateExpression: 'SET followUpId = :id',
            ExpressionAttributeValues: { ':id': surveyId },
          },
        },
        aggregateUpdate(deps.tableName, survey, { followUpsOpened: 1 }),
      ],
    });
  } catch (error) {
    if (!conditionFailed(error, 0)) throw error;
    opened = false;
  }
  try {
    await deps.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: deps.followUpStateMachineArn,
        name: surveyId,
        input: JSON.stringify({ followUpId: surveyId, timers }),
      })
    );
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
  if (opened) {
    metrics.addMetric('FollowUpOpened', MetricUnit.Count, 1);
    logger.info('follow-up opened', { followUpId: surveyId, score: response.score });
  }
  return { opened, followUpId: surveyId };
};
