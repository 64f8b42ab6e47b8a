import type { DataStores } from '#shared/data/data-stores.ts';
import type { WorkflowPort } from '#shared/workflow/workflow-port.ts';

export interface AwaitRatingDeps extends Pick<DataStores, 'surveys'> {
  readonly workflow: Pick<WorkflowPort, 'releaseToken' | 'failToken'>;
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
  if (await deps.surveys.parkTaskToken(surveyId, taskToken)) return;
  const survey = await deps.surveys.get(surveyId);
  if (survey.status === 'rated' && survey.score !== undefined) {
    await deps.workflow.releaseToken(taskToken, { score: survey.score });
    return;
  }
  await deps.workflow.failToken(taskToken, 'SurveyCancelled', `survey is ${survey.status}`);
};
