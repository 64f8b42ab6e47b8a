import type { DataStores } from '#shared/data/data-stores.ts';
import type { AwaitProbeAnswerInput } from './await-probe-answer.schema.ts';

/** No waiting probe has this id; the workflow's Catch routes on this name. */
export class ProbeNotFoundError extends Error {
  override name = 'ProbeNotFoundError';
}

/** Stores the task token on the waiting probe so whoever answers can complete the task. */
export const recordProbeToken = async (
  deps: Pick<DataStores, 'probes'>,
  input: AwaitProbeAnswerInput
): Promise<void> => {
  if (!(await deps.probes.parkTaskToken(input.probeId, input.taskToken)))
    throw new ProbeNotFoundError(`no waiting probe ${input.probeId}`);
};
