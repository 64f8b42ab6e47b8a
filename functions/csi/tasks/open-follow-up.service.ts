import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DataStores } from '#shared/data/data-stores.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import type { Survey } from '#shared/data/survey.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import { isLowScore } from '#shared/kernel/survey-rules.ts';
import { logger, metrics } from '#shared/powertools.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import { UNASSIGNED } from '#shared/kernel/business-unit-alias.ts';
import { followUpTimers, matchRoute, routeFollowUp } from '#shared/settings/follow-up-settings.ts';
import type { WorkflowPort } from '#shared/workflow/workflow-port.ts';

export interface OpenFollowUpDeps extends Pick<
  DataStores,
  'surveys' | 'responses' | 'followUps' | 'aggregates' | 'transact' | 'businessUnits'
> {
  readonly workflow: Pick<WorkflowPort, 'startNamed'>;
  readonly followUpStateMachineArn: string;
  readonly settings: CsiSettings;
  readonly now: () => Date;
}

/** What a case takes of a rating. */
interface CaseRatingOf {
  readonly score: number;
  readonly comment: string;
  readonly reasons: readonly string[];
}

type CaseRoute = ReturnType<typeof routeFollowUp>;

/**
 * Who gets a survey's case: the first matching route; with none, the quality owner of its
 * registered unit (one read, only then), then the default owner.
 */
const caseRoute = async (deps: OpenFollowUpDeps, survey: Survey): Promise<CaseRoute> => {
  const unit = { unitId: survey.businessUnit, raw: survey.businessUnitRaw };
  const routed = matchRoute(deps.settings, unit, survey.service);
  const unitId = survey.businessUnit;
  const qualityOwner =
    routed || unitId === undefined || unitId === UNASSIGNED
      ? undefined
      : (await deps.businessUnits.find(unitId))?.qualityOwner;
  return routeFollowUp(deps.settings, unit, survey.service, qualityOwner);
};

/** The case of a low rating: the ticket, the rating, the route, the SLA. */
const newCase = (
  settings: CsiSettings,
  survey: Survey,
  response: CaseRatingOf,
  { owner, escalation }: CaseRoute,
  now: Date
): FollowUp => {
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
    reasons: [...response.reasons],
    businessUnit: survey.businessUnit,
    businessUnitRaw: survey.businessUnitRaw,
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
 * a rating (the old workflow); the rating page calls `followRating`.
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
  const followUp = newCase(
    deps.settings,
    survey,
    response,
    await caseRoute(deps, survey),
    deps.now()
  );
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

/** A rating as the rating page wrote it (rating-link.service.ts RecordedRating). */
export interface RatingToFollow {
  readonly survey: Survey;
  readonly rating: CaseRatingOf;
  readonly previousScore: number | undefined;
  /** The survey's `ratingRevision` after the rating. */
  readonly revision: number;
}

/**
 * The case follows the current rating (issue 9, item 8), without reading anything again:
 * 1. A low score opens the case, once (the case id is the survey's), only while the survey
 *    is still at this rating's revision: a rating already replaced opens nothing, the later
 *    one decides. The case's workflow starts by name (idempotent).
 * 2. A case that exists (opened before, or by a concurrent low rating) gets the current
 *    score, comment and reasons, guarded by the revision (an older rating never overwrites a
 *    newer); it keeps `openingScore` and says when a change lifted the score to the
 *    threshold or above (`liftedAboveThresholdAt`). No case and a high score: nothing.
 */
export const followRating = async (
  deps: OpenFollowUpDeps,
  rated: RatingToFollow
): Promise<{ opened: boolean; followed: boolean }> => {
  const { survey, rating, revision } = rated;
  const low = isLowScore(rating.score, deps.settings);
  if (low && survey.followUpId === undefined) {
    const outcome = await openCaseAt(deps, rated);
    if (outcome === 'opened' || outcome === 'replaced')
      return { opened: outcome === 'opened', followed: false };
  }
  const followed = await deps.followUps.followRating(survey.surveyId, {
    score: rating.score,
    comment: rating.comment,
    reasons: rating.reasons,
    revision,
    at: deps.now().toISOString(),
    lifted: !low,
  });
  if (followed)
    logger.info('follow-up follows the rating', {
      followUpId: survey.surveyId,
      score: rating.score,
    });
  return { opened: false, followed };
};

/** Opens the case of a low rating at its revision: opened, exists already, or replaced. */
const openCaseAt = async (
  deps: OpenFollowUpDeps,
  rated: RatingToFollow
): Promise<'opened' | 'exists' | 'replaced'> => {
  const { survey, rating, revision } = rated;
  const followUp = {
    ...newCase(deps.settings, survey, rating, await caseRoute(deps, survey), deps.now()),
    ratingRevision: revision,
  };
  try {
    await deps.transact([
      deps.followUps.openItem(followUp),
      deps.surveys.linkFollowUpAtRevisionItem(survey.surveyId, followUp.followUpId, revision),
      deps.aggregates.addItem(survey, { followUpsOpened: 1 }),
    ]);
  } catch (error) {
    if (conditionFailed(error, 0)) return 'exists';
    if (conditionFailed(error, 1)) return 'replaced';
    throw error;
  }
  await deps.workflow.startNamed(deps.followUpStateMachineArn, survey.surveyId, {
    followUpId: survey.surveyId,
    timers: followUpTimers(deps.settings),
  });
  metrics.addMetric('FollowUpOpened', MetricUnit.Count, 1);
  logger.info('follow-up opened', { followUpId: survey.surveyId, score: rating.score });
  return 'opened';
};
