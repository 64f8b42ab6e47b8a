import {
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { surveyKey } from '#shared/data/keys.ts';
import { getSurvey, type Store } from '#shared/data/store.ts';

export interface AwaitRatingDeps extends Store {
  readonly sfn: SFNClient;
}

/**
 * Parks the workflow's task token on a survey that waits for its rating. If the rating
 * (or a cancellation) came first, it answers the task itself, so nothing is missed
 * between the mail and the wait: DynamoDB holds the truth, the workflow follows it.
 */
export const awaitRating = async (
  deps: AwaitRatingDeps,
  surveyId: string,
  taskToken: string
): Promise<void> => {
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: surveyKey(surveyId),
        UpdateExpression: 'SET taskToken = :token',
        ConditionExpression: '#status IN (:sent, :reminded)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':token': taskToken,
          ':sent': 'sent',
          ':reminded': 'reminded',
        },
      })
    );
    return;
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
  const survey = await getSurvey(deps, surveyId);
  if (survey.status === 'rated' && survey.score !== undefined) {
    await deps.sfn.send(
      new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ score: survey.score }) })
    );
    return;
  }
  await deps.sfn.send(
    new SendTaskFailureCommand({
      taskToken,
      error: 'SurveyCancelled',
      cause: `survey is ${survey.status}`,
    })
  );
};
