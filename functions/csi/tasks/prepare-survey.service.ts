import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import { durationSeconds } from '#shared/kernel/duration.ts';
import { personKey, surveyKey, surveyStatusIndexKey } from '#shared/data/keys.ts';
import { getSurvey, type Store } from '#shared/data/store.ts';
import type { Survey } from '#shared/data/survey.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';

export type PrepareDecision = 'send' | 'await-rating' | 'await-after-reminder' | 'done';

export interface PrepareDeps extends Store {
  readonly settings: CsiSettings;
  readonly now: () => Date;
}

/** Why a survey is not sent, as recorded in its statusReason. */
type Ineligible = { status: 'no-contact' | 'suppressed'; reason: string };

const matchesAny = (ref: Survey['service'], list: readonly string[]): boolean =>
  ref !== undefined && list.some((entry) => entry === ref.id || entry === ref.name);

/** Deterministic sampling: the same survey is always in or out. */
const sampledOut = (surveyId: string, rate: number): boolean =>
  Number.parseInt(surveyId.slice(0, 8), 16) / 0x100000000 >= rate;

/**
 * Decides what the workflow does with a survey, and records the reason when it is not sent.
 * 1. A survey already past `scheduled` resumes where it was (a restarted execution).
 * 2. No email → `no-contact`.
 * 3. Opted out or bounced, the requester is the agent, an excluded service or category,
 *    sampled out, or surveyed within the cool-down → `suppressed`, with the reason.
 * 4. Otherwise → send (after the configured delay).
 */
export const prepareSurvey = async (
  deps: PrepareDeps,
  surveyId: string
): Promise<{ decision: PrepareDecision }> => {
  const survey = await getSurvey(deps, surveyId);
  switch (survey.status) {
    case 'scheduled':
      break;
    case 'sending':
      return { decision: 'send' };
    case 'sent':
      return { decision: 'await-rating' };
    case 'reminded':
      return { decision: 'await-after-reminder' };
    default:
      return { decision: 'done' };
  }
  const ineligible = await eligibility(deps, survey);
  if (!ineligible) return { decision: 'send' };
  const now = deps.now().toISOString();
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: surveyKey(surveyId),
        UpdateExpression:
          'SET #status = :status, statusReason = :reason, updatedAt = :now, gsi2pk = :index, gsi2sk = :now',
        ConditionExpression: '#status = :scheduled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': ineligible.status,
          ':reason': ineligible.reason,
          ':now': now,
          ':index': surveyStatusIndexKey(ineligible.status),
          ':scheduled': 'scheduled',
        },
      })
    );
  } catch (error) {
    // Cancelled in the meantime: nothing to record.
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
  return { decision: 'done' };
};

const eligibility = async (deps: PrepareDeps, survey: Survey): Promise<Ineligible | undefined> => {
  const email = survey.requesterEmail;
  if (!email) return { status: 'no-contact', reason: 'no-email' };
  const person = (
    await deps.db.send(
      new GetCommand({ TableName: deps.tableName, Key: personKey(emailKey(email)) })
    )
  ).Item;
  if (person?.optedOutAt) return { status: 'suppressed', reason: 'opted-out' };
  if (person?.bouncedAt) return { status: 'suppressed', reason: 'bounced' };
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
const claimCoolDown = async (
  deps: PrepareDeps,
  email: string,
  coolDownSeconds: number
): Promise<boolean> => {
  const now = deps.now();
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: personKey(emailKey(email)),
        UpdateExpression: 'SET lastSurveyedAt = :now',
        ConditionExpression: 'attribute_not_exists(lastSurveyedAt) OR lastSurveyedAt < :threshold',
        ExpressionAttributeValues: {
          ':now': now.toISOString(),
          ':threshold': new Date(now.getTime() - coolDownSeconds * 1000).toISOString(),
        },
      })
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
};
