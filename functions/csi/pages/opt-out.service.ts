import type { DataStores } from '#shared/data/data-stores.ts';
import { resolveLink } from '#shared/data/resolve-link.ts';
import type { Survey } from '#shared/data/survey.ts';

type Clock = { readonly now: () => Date };

/** The survey an opt-out link came with (its language and person). */
export const openOptOutLink = async (
  deps: Pick<DataStores, 'tokens' | 'surveys'> & Clock,
  token: string | undefined
): Promise<Survey> => {
  const link = await resolveLink(deps.tokens, token, 'unsubscribe', deps.now());
  return deps.surveys.get(link.subjectId);
};

/** Records the opt-out on the person (keyed by a hash of the address); repeating it changes nothing. */
export const optOut = async (
  deps: Pick<DataStores, 'persons'> & Clock,
  survey: Survey
): Promise<void> => {
  if (!survey.requesterEmail) return;
  await deps.persons.optOut(survey.requesterEmail, deps.now().toISOString());
};
