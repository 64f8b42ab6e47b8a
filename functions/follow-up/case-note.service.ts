import type { DataStores } from '#shared/data/data-stores.ts';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { FollowUpAlreadyResolvedError } from './already-resolved-error.ts';

export interface CaseNoteDeps extends Pick<DataStores, 'followUps' | 'caseEvents'> {
  readonly now: () => Date;
}

/** A note was asked for and none was written: the case is in progress already. */
export class NoteRequiredError extends Error {
  override name = 'NoteRequiredError';
}

/**
 * The case page's "in progress" step: the first use takes the case in progress (the note
 * optional then), every later one adds an internal note (required). Notes are for the
 * SSC's staff; no mail ever carries them.
 * @throws FollowUpAlreadyResolvedError for a resolved case; NoteRequiredError
 */
export const addCaseNote = async (
  deps: CaseNoteDeps,
  followUp: FollowUp,
  input: { readonly note?: string | undefined; readonly by: string }
): Promise<void> => {
  if (followUp.status === 'resolved')
    throw new FollowUpAlreadyResolvedError(`follow-up ${followUp.followUpId} is resolved`);
  const at = deps.now().toISOString();
  const note = input.note?.trim();
  if (followUp.inProgressAt === undefined) {
    if (!(await deps.followUps.markInProgress(followUp.followUpId, at)))
      throw new FollowUpAlreadyResolvedError(`follow-up ${followUp.followUpId} is resolved`);
    await deps.caseEvents.record({
      followUpId: followUp.followUpId,
      kind: 'in-progress',
      at,
      by: input.by,
    });
  } else if (!note) {
    throw new NoteRequiredError('a note is required');
  }
  if (!note) return;
  await deps.caseEvents.record({
    followUpId: followUp.followUpId,
    kind: 'note',
    at,
    by: input.by,
    text: note,
  });
};
