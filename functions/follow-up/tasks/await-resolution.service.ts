import type { ResolveDeps } from '../resolve-follow-up.service.ts';

/** Parks the task token on an unresolved case; answers it at once if the case is resolved. */
export const awaitResolution = async (
  deps: Pick<ResolveDeps, 'followUps' | 'workflow'>,
  followUpId: string,
  taskToken: string
): Promise<void> => {
  if (await deps.followUps.parkTaskToken(followUpId, taskToken)) return;
  // A case that does not exist fails here (FollowUpNotFoundError), not silently.
  await deps.followUps.get(followUpId);
  await deps.workflow.releaseToken(taskToken, { resolved: true });
};
