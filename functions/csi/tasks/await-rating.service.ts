import {
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { parkTaskToken } from '#shared/workflow/park-task-token.ts';
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
  if (await parkTaskToken(deps, surveyKey(surveyId), ['sent', 'reminded'], taskToken)) return;
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
