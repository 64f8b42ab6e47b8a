import type { DataStores } from '#shared/data/data-stores.ts';
import { resolveLink } from '#shared/data/resolve-link.ts';
import type { Survey } from '#shared/data/survey.ts';
import { maskedAddress } from './masked-address.ts';
import type { OptOutState } from './opt-out-page.ts';

type Clock = { readonly now: () => Date };

/** The survey an opt-out link came with (its language and person). */
export const openOptOutLink = async (
  deps: Pick<DataStores, 'tokens' | 'surveys'> & Clock,
  token: string | undefined
): Promise<Survey> => {
  const link = await resolveLink(deps.tokens, token, 'unsubscribe', deps.now());
  return deps.surveys.get(link.subjectId);
};

/** Where the person behind an opt-out link stands: the address (masked) and since when opted out. */
export interface OptOutStatus {
  /** «i***@example.com»; undefined when the survey has no address (nothing to opt out). */
  readonly address: string | undefined;
  /** Undefined while surveys are still sent to them. */
  readonly optedOutAt: string | undefined;
}

/** Reads whether the link's person has opted out; reads only, so a GET can show it. */
export const optOutStatus = async (
  deps: Pick<DataStores, 'persons'>,
  survey: Survey
): Promise<OptOutStatus> => {
  if (!survey.requesterEmail) return { address: undefined, optedOutAt: undefined };
  const person = await deps.persons.find(survey.requesterEmail);
  return { address: maskedAddress(survey.requesterEmail), optedOutAt: person?.optedOutAt };
};

/** Records the opt-out on the person (keyed by a hash of the address); repeating it changes nothing. */
export const optOut = async (
  deps: Pick<DataStores, 'persons'> & Clock,
  survey: Survey
): Promise<void> => {
  if (!survey.requesterEmail) return;
  await deps.persons.optOut(survey.requesterEmail, deps.now().toISOString());
};

/** Takes the opt-out back: later surveys are sent to the person again; repeating it is harmless. */
export const resubscribe = async (
  deps: Pick<DataStores, 'persons'> & Clock,
  survey: Survey
): Promise<void> => {
  if (!survey.requesterEmail) return;
  await deps.persons.resubscribe(survey.requesterEmail, deps.now().toISOString());
};

/**
 * What the page shows: an opted-out person sees that they are (whatever the link asks), so a
 * second visit never offers the form again; else what the redirect or "stay" asked, else the
 * question.
 */
export const optOutStateOf = (
  status: OptOutStatus,
  asked: 'stay' | 'resubscribed' | undefined
): OptOutState => (status.optedOutAt ? 'unsubscribed' : (asked ?? 'ask'));
