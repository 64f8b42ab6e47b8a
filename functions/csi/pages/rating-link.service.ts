import { SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { aggregateUpdate, scoreCounter, type Counter } from '#shared/data/aggregates.ts';
import { responseKey, surveyKey, surveyStatusIndexKey } from '#shared/data/keys.ts';
import { LinkGoneError, resolveLink } from '#shared/data/resolve-link.ts';
import { findResponse, getSurvey, type Store } from '#shared/data/store.ts';
import { RATEABLE, type Survey } from '#shared/data/survey.ts';
import {
  conditionFailed,
  isConditionalCheckFailure,
  transactWrite,
} from '#shared/data/transact.ts';
import { logger, metrics } from '#shared/powertools.ts';
import type { RatingSubmission } from './rating.schema.ts';

export interface RatingDeps extends Store {
  readonly sfn: SFNClient;
  readonly followUpThreshold: number;
  /** Opens the case when no workflow will (late or changed score); idempotent. */
  readonly openFollowUp: (surveyId: string) => Promise<unknown>;
  readonly now: () => Date;
}

const takesRatings = (survey: Survey, now: Date): boolean =>
  RATEABLE.includes(survey.status) &&
  survey.closesAt !== undefined &&
  new Date(survey.closesAt) > now;

/** The survey a rating link opens, if it still takes ratings. */
export const openRatingLink = async (
  deps: Store & { now: () => Date },
  token: string | undefined
): Promise<Survey> => {
  const link = await resolveLink(deps, token, 'rating', deps.now());
  const survey = await getSurvey(deps, link.subjectId);
  if (!takesRatings(survey, deps.now())) throw new LinkGoneError();
  return survey;
};

/**
 * A GET of a rating link: kept as an unconfirmed click (first time, count, last user
 * agent), reported apart, never a rating. The first click of a survey adds to the day's
 * `clicks` counter in the same transaction that sets `firstClickAt`.
 */
export const recordClick = async (
  deps: Store & { now: () => Date },
  survey: Survey,
  userAgent: string
): Promise<void> => {
  const now = deps.now().toISOString();
  const agent = userAgent.slice(0, 256);
  try {
    await transactWrite(deps.db, {
      TransactItems: [
        {
          Update: {
            TableName: deps.tableName,
            Key: surveyKey(survey.surveyId),
            UpdateExpression:
              'SET firstClickAt = :now, lastClickAt = :now, lastClickUserAgent = :agent, clickCount = :one',
            ConditionExpression: 'attribute_not_exists(firstClickAt)',
            ExpressionAttributeValues: { ':now': now, ':agent': agent, ':one': 1 },
          },
        },
        aggregateUpdate(deps.tableName, survey, { clicks: 1 }),
      ],
    });
  } catch (error) {
    if (!conditionFailed(error, 0)) throw error;
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: surveyKey(survey.surveyId),
        UpdateExpression: 'SET lastClickAt = :now, lastClickUserAgent = :agent ADD clickCount :one',
        ExpressionAttributeValues: { ':now': now, ':agent': agent, ':one': 1 },
      })
    );
  }
};

/**
 * Records a rating, or replaces the earlier one while the survey is open.
 * 1. First rating: the response, the survey's `rated` status and the day's counters
 *    (rated, score sum, distribution) in one transaction, conditional on the survey
 *    still waiting; a second submit in a race loses the condition and becomes a change.
 * 2. Change: the response's revision guards the counters' deltas against a concurrent change.
 * 3. A survey closed or cancelled meanwhile answers 410 (LinkGoneError).
 * 4. The waiting workflow is released with the score (it opens the follow-up); if none
 *    waits any more, a low score opens the follow-up here.
 */
export const submitRating = async (
  deps: RatingDeps,
  survey: Survey,
  submission: RatingSubmission,
  userAgent: string
): Promise<{ score: number; changed: boolean; followUp: boolean }> => {
  let changed: boolean;
  for (let attempt = 0; ; attempt++) {
    const previous = await findResponse(deps, survey.surveyId);
    try {
      if (previous) await changeRating(deps, survey, previous, submission);
      else await firstRating(deps, survey, submission, userAgent);
      changed = previous !== undefined;
      break;
    } catch (error) {
      if (!conditionFailed(error, 0) && !conditionFailed(error, 1)) throw error;
      // Closed or cancelled meanwhile: the link is gone. Otherwise someone rated or changed
      // at the same moment: read again and apply on top.
      if (!takesRatings(await getSurvey(deps, survey.surveyId), deps.now()))
        throw new LinkGoneError();
      if (attempt >= 3) throw error;
    }
  }
  metrics.addMetric('RatingSubmitted', MetricUnit.Count, 1);
  logger.info('rating recorded', { surveyId: survey.surveyId, score: submission.score, changed });
  const current = await getSurvey(deps, survey.surveyId);
  const released = current.taskToken
    ? await releaseWorkflow(deps, survey.surveyId, current.taskToken, submission.score)
    : false;
  const low = submission.score < deps.followUpThreshold;
  if (low && !released) await deps.openFollowUp(survey.surveyId);
  return { score: submission.score, changed, followUp: low };
};

const firstRating = async (
  deps: RatingDeps,
  survey: Survey,
  submission: RatingSubmission,
  userAgent: string
) => {
  const now = deps.now().toISOString();
  await transactWrite(deps.db, {
    TransactItems: [
      {
        Put: {
          TableName: deps.tableName,
          Item: {
            ...responseKey(survey.surveyId),
            surveyId: survey.surveyId,
            score: submission.score,
            reasons: submission.reasons,
            comment: submission.comment,
            submittedAt: now,
            userAgent: userAgent.slice(0, 256),
            revision: 0,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: deps.tableName,
          Key: surveyKey(survey.surveyId),
          UpdateExpression:
            'SET #status = :rated, score = :score, ratedAt = :now, updatedAt = :now, gsi2pk = :index, gsi2sk = :now',
          ConditionExpression: '#status IN (:sent, :reminded) AND closesAt > :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':rated': 'rated',
            ':score': submission.score,
            ':now': now,
            ':index': surveyStatusIndexKey('rated'),
            ':sent': 'sent',
            ':reminded': 'reminded',
          },
        },
      },
      aggregateUpdate(deps.tableName, survey, {
        rated: 1,
        scoreSum: submission.score,
        [scoreCounter(submission.score)]: 1,
      }),
    ],
  });
};

const changeRating = async (
  deps: RatingDeps,
  survey: Survey,
  previous: { score: number; revision: number },
  submission: RatingSubmission
) => {
  const now = deps.now().toISOString();
  const deltas: Partial<Record<Counter, number>> = { scoreSum: submission.score - previous.score };
  if (submission.score !== previous.score) {
    deltas[scoreCounter(previous.score)] = -1;
    deltas[scoreCounter(submission.score)] = 1;
  }
  await transactWrite(deps.db, {
    TransactItems: [
      {
        Update: {
          TableName: deps.tableName,
          Key: responseKey(survey.surveyId),
          UpdateExpression:
            'SET score = :score, reasons = :reasons, #comment = :comment, submittedAt = :now, revision = :next',
          ConditionExpression: 'revision = :revision',
          ExpressionAttributeNames: { '#comment': 'comment' },
          ExpressionAttributeValues: {
            ':score': submission.score,
            ':reasons': submission.reasons,
            ':comment': submission.comment,
            ':now': now,
            ':revision': previous.revision,
            ':next': previous.revision + 1,
          },
        },
      },
      {
        Update: {
          TableName: deps.tableName,
          Key: surveyKey(survey.surveyId),
          UpdateExpression: 'SET score = :score, updatedAt = :now',
          ConditionExpression: '#status = :rated AND closesAt > :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':score': submission.score, ':now': now, ':rated': 'rated' },
        },
      },
      aggregateUpdate(deps.tableName, survey, deltas),
    ],
  });
};

/** Hands the score to the waiting workflow; false when no workflow waits for it. */
const releaseWorkflow = async (
  deps: RatingDeps,
  surveyId: string,
  taskToken: string,
  score: number
): Promise<boolean> => {
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: surveyKey(surveyId),
        UpdateExpression: 'REMOVE taskToken',
        ConditionExpression: 'taskToken = :token',
        ExpressionAttributeValues: { ':token': taskToken },
      })
    );
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
  }
  try {
    await deps.sfn.send(
      new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ score }) })
    );
    return true;
  } catch (error) {
    if (
      error instanceof Error &&
      ['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist'].includes(error.name)
    )
      return false;
    throw error;
  }
};
