import { followRating } from '#functions/csi/tasks/open-follow-up.service.ts';
import type { DataStores } from '#shared/data/data-stores.ts';
import type { Survey } from '#shared/data/survey.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import { stateMachineArnFromEnv, workflowPortFromEnv } from '#shared/workflow/workflow-from-env.ts';

/**
 * Cold-start wiring of the case an inferred low score opens (with `rating.inferredFollowUp`):
 * the same `followRating` as the rating page's, with no comment or reasons (a click has
 * none). Only functions that declared `workflows.start: ['FollowUpCase']` import it.
 */
export const followInferredFromEnv = (store: DataStores) => {
  const workflow = workflowPortFromEnv();
  const followUpStateMachineArn = stateMachineArnFromEnv('FOLLOW_UP_CASE_STATE_MACHINE_ARN');
  return (settings: CsiSettings) => (survey: Survey, score: number, revision: number) =>
    followRating(
      { ...store, workflow, followUpStateMachineArn, settings, now: () => new Date() },
      {
        survey,
        rating: { score, comment: '', reasons: [] },
        previousScore: undefined,
        revision,
      }
    );
};
