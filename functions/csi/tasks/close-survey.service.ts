import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { surveyKey, surveyStatusIndexKey } from '#shared/data/keys.ts';
import { getSurvey, type Store } from '#shared/data/store.ts';

export interface CloseSurveyDeps extends Store {
  readonly now: () => Date;
}

/** `{ expired: true }`, or the score when a rating won the race against the expiry. */
export type CloseSurveyResult = { readonly expired: true } | { readonly score: number };

/**
 * Ends a survey that no rating closed: `expired` when its window ran out, `failed` (with
 * the error name as reason) when a step failed for good. A survey that was rated,
 * cancelled or closed meanwhile keeps its status.
 */
export const closeSurvey = async (
  deps: CloseSurveyDeps,
  surveyId: string,
  outcome: 'expired' | 'failed',
  reason?: string
): Promise<CloseSurveyResult> => {
  const now = deps.now().toISOString();
  const from =
    outcome === 'expired' ? ['sent', 'reminded'] : ['scheduled', 'sending', 'sent', 'reminded'];
  const values: Record<string, unknown> = {
    ':to': outcome,
    ':now': now,
    ':index': surveyStatusIndexKey(outcome),
    ':reason': reason ?? (outcome === 'expired' ? 'no-rating' : 'unknown'),
  };
  from.forEach((status, i) => (values[`:from${i}`] = status));
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: surveyKey(surveyId),
        UpdateExpression:
          'SET #status = :to, statusReason = :reason, updatedAt = :now, gsi2pk = :index, gsi2sk = :now REMOVE taskToken',
        ConditionExpression: `#status IN (${from.map((_s, i) => `:from${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      })
    );
    return { expired: true };
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
  const survey = await getSurvey(deps, surveyId);
  return survey.status === 'rated' && survey.score !== undefined
    ? { score: survey.score }
    : { expired: true };
};
