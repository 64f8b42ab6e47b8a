import type { DataStores } from '#shared/data/data-stores.ts';
import type { Survey } from '#shared/data/survey.ts';
import { durationSeconds } from '#shared/kernel/duration.ts';
import { personSuppression } from '#shared/kernel/survey-rules.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';

export interface EligibilityDeps extends Pick<DataStores, 'persons'> {
  readonly settings: CsiSettings;
  readonly now: () => Date;
}

/** Why a survey is not sent, as recorded in its status and statusReason. */
export interface Ineligible {
  readonly status: 'no-contact' | 'suppressed';
  readonly reason: string;
}

const matchesAny = (ref: Survey['service'], list: readonly string[]): boolean =>
  ref !== undefined && list.some((entry) => entry === ref.id || entry === ref.name);

/** Deterministic sampling: the same survey is always in or out. */
const sampledOut = (surveyId: string, rate: number): boolean =>
  Number.parseInt(surveyId.slice(0, 8), 16) / 0x100000000 >= rate;

/**
 * Whether a survey is mailed at all; undefined when it is, else why not.
 * 1. No email → `no-contact`.
 * 2. Opted out or bounced, the requester is the agent, a suppressed resolution, an
 *    excluded service or category, sampled out, or surveyed within the cool-down →
 *    `suppressed`, with the reason. The cool-down check takes the person's slot.
 */
export const ineligibility = async (
  deps: EligibilityDeps,
  survey: Survey
): Promise<Ineligible | undefined> => {
  const email = survey.requesterEmail;
  if (!email) return { status: 'no-contact', reason: 'no-email' };
  const suppression = personSuppression(await deps.persons.find(email));
  if (suppression) return { status: 'suppressed', reason: suppression };
  if (survey.agentEmail && survey.agentEmail === email)
    return { status: 'suppressed', reason: 'requester-is-agent' };
  const resolution = survey.resolutionCode?.trim().toLowerCase();
  if (
    resolution &&
    deps.settings.suppressedResolutions.some((code) => code.toLowerCase() === resolution)
  ) {
    return { status: 'suppressed', reason: `resolution:${resolution}` };
  }
  if (matchesAny(survey.service, deps.settings.excludedServices))
    return { status: 'suppressed', reason: 'excluded-service' };
  if (matchesAny(survey.category, deps.settings.excludedCategories)) {
    return { status: 'suppressed', reason: 'excluded-category' };
  }
  if (sampledOut(survey.surveyId, deps.settings.samplingRate))
    return { status: 'suppressed', reason: 'sampling' };
  const coolDown = durationSeconds(deps.settings.coolDown);
  if (coolDown > 0 && !(await claimCoolDown(deps, email, coolDown)))
    return { status: 'suppressed', reason: 'cool-down' };
  return undefined;
};

/** Takes the person's survey slot if the last one is older than the cool-down. */
const claimCoolDown = (deps: EligibilityDeps, email: string, coolDownSeconds: number) => {
  const now = deps.now();
  return deps.persons.claimSurveySlot(
    email,
    now.toISOString(),
    new Date(now.getTime() - coolDownSeconds * 1000).toISOString()
  );
};
