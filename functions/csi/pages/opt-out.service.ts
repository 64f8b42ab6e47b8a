import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { personKey } from '#shared/data/keys.ts';
import { resolveLink } from '#shared/data/resolve-link.ts';
import { getSurvey, type Store } from '#shared/data/store.ts';
import type { Survey } from '#shared/data/survey.ts';
import { emailKey } from '#shared/kernel/tokens.ts';

/** The survey an opt-out link came with (its language and person). */
export const openOptOutLink = async (
  deps: Store & { now: () => Date },
  token: string | undefined
): Promise<Survey> => {
  const link = await resolveLink(deps, token, 'unsubscribe', deps.now());
  return getSurvey(deps, link.subjectId);
};

/** Records the opt-out on the person (keyed by a hash of the address); repeating it changes nothing. */
export const optOut = async (deps: Store & { now: () => Date }, survey: Survey): Promise<void> => {
  if (!survey.requesterEmail) return;
  await deps.db.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: personKey(emailKey(survey.requesterEmail)),
      UpdateExpression: 'SET optedOutAt = if_not_exists(optedOutAt, :now)',
      ExpressionAttributeValues: { ':now': deps.now().toISOString() },
    })
  );
};
