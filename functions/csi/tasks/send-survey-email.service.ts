import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionFailed, transactWrite } from '#shared/data/transact.ts';
import type { z } from 'zod';
import { aggregateUpdate } from '#shared/data/aggregates.ts';
import { personKey, surveyKey, surveyStatusIndexKey } from '#shared/data/keys.ts';
import { issueLinkToken } from '#shared/data/link-tokens.ts';
import { getSurvey, type Store } from '#shared/data/store.ts';
import type { Survey } from '#shared/data/survey.ts';
import { sendMail, type MailDeps } from '#shared/mail/send-mail.ts';
import { renderSurveyEmail } from '#functions/csi/mail/survey-email.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import type { sendSurveyEmailSchema } from './csi-task.schema.ts';

export interface SendSurveyDeps extends Store {
  readonly mail: MailDeps;
  readonly publicBaseUrl: string;
  readonly now: () => Date;
}

export type SendSurveyInput = z.infer<typeof sendSurveyEmailSchema>;

/** `sent`: a mail went out. `stop`: the survey is over (cancelled, rated…): the workflow ends. */
export interface SendSurveyResult {
  readonly sent: boolean;
  readonly stop: boolean;
}

const isConditionFailure = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'ConditionalCheckFailedException' ||
    error.name === 'TransactionCanceledException');

const optedOut = async (deps: SendSurveyDeps, email: string): Promise<boolean> => {
  const person = (
    await deps.db.send(
      new GetCommand({ TableName: deps.tableName, Key: personKey(emailKey(email)) })
    )
  ).Item;
  return Boolean(person?.optedOutAt);
};

/**
 * Sends the invitation or the one reminder.
 * Invitation: 1. only a `scheduled` survey (or one whose send was interrupted) is sent;
 * 2. it is claimed as `sending` first; 3. fresh rating and opt-out tokens are issued, valid
 * until the survey closes; 4. the mail goes out; 5. `sent` and the day's `sent` counter
 * change in one transaction, so a retried Lambda cannot count twice.
 * Reminder: only to a survey still `sent` (not rated, not cancelled) whose person has not
 * opted out; a reminder that cannot go out still lets the survey wait until it expires.
 */
export const sendSurveyEmail = async (
  deps: SendSurveyDeps,
  input: SendSurveyInput
): Promise<SendSurveyResult> => {
  const survey = await getSurvey(deps, input.surveyId);
  if (input.kind === 'reminder') return sendReminder(deps, survey);
  if (survey.status !== 'scheduled' && survey.status !== 'sending')
    return { sent: false, stop: true };
  const email = survey.requesterEmail;
  if (!email) return { sent: false, stop: true };
  const now = deps.now();
  if (await optedOut(deps, email)) {
    try {
      await setStatus(
        deps,
        survey.surveyId,
        ['scheduled', 'sending'],
        'suppressed',
        now,
        'opted-out'
      );
    } catch (error) {
      // Cancelled meanwhile: it stays cancelled, and nothing is sent either way.
      if (!isConditionFailure(error)) throw error;
    }
    return { sent: false, stop: true };
  }
  try {
    await setStatus(deps, survey.surveyId, ['scheduled', 'sending'], 'sending', now);
  } catch (error) {
    if (isConditionFailure(error)) return { sent: false, stop: true };
    throw error;
  }
  const closesAt = new Date(
    now.getTime() +
      (input.timers.reminderAfterSeconds + input.timers.expireAfterReminderSeconds) * 1000
  ).toISOString();
  const messageId = await mailSurvey(deps, survey, email, 'invitation', closesAt);
  try {
    await transactWrite(deps.db, {
      TransactItems: [
        {
          Update: {
            TableName: deps.tableName,
            Key: surveyKey(survey.surveyId),
            UpdateExpression:
              'SET #status = :sent, sentAt = :now, closesAt = :closesAt, messageId = :messageId, updatedAt = :now, gsi2pk = :index, gsi2sk = :now',
            ConditionExpression: '#status = :sending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':sent': 'sent',
              ':sending': 'sending',
              ':now': now.toISOString(),
              ':closesAt': closesAt,
              ':messageId': messageId,
              ':index': surveyStatusIndexKey('sent'),
            },
          },
        },
        aggregateUpdate(deps.tableName, survey, { sent: 1 }),
      ],
    });
  } catch (error) {
    // Cancelled while the mail was on its way: the mail went, the survey stays cancelled.
    if (!conditionFailed(error, 0)) throw error;
  }
  return { sent: true, stop: false };
};

const sendReminder = async (deps: SendSurveyDeps, survey: Survey): Promise<SendSurveyResult> => {
  if (survey.status !== 'sent') return { sent: false, stop: survey.status !== 'reminded' };
  const email = survey.requesterEmail;
  if (!email || !survey.closesAt || (await optedOut(deps, email)))
    return { sent: false, stop: false };
  await mailSurvey(deps, survey, email, 'reminder', survey.closesAt);
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: surveyKey(survey.surveyId),
        UpdateExpression:
          'SET #status = :reminded, remindedAt = :now, updatedAt = :now, gsi2pk = :index, gsi2sk = :now',
        ConditionExpression: '#status = :sent',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':reminded': 'reminded',
          ':sent': 'sent',
          ':now': deps.now().toISOString(),
          ':index': surveyStatusIndexKey('reminded'),
        },
      })
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  return { sent: true, stop: false };
};

const mailSurvey = async (
  deps: SendSurveyDeps,
  survey: Survey,
  email: string,
  kind: 'invitation' | 'reminder',
  validUntil: string
): Promise<string> => {
  const ratingToken = await issueLinkToken(deps, {
    kind: 'rating',
    subjectId: survey.surveyId,
    validUntil,
  });
  // The opt-out link outlives the survey: people unsubscribe from old mail too.
  const unsubscribeUntil = new Date(
    new Date(validUntil).getTime() + 365 * 86400 * 1000
  ).toISOString();
  const unsubscribeToken = await issueLinkToken(deps, {
    kind: 'unsubscribe',
    subjectId: survey.surveyId,
    validUntil: unsubscribeUntil,
  });
  const unsubscribeUrl = `${deps.publicBaseUrl}/u/${unsubscribeToken}`;
  const rendered = renderSurveyEmail({
    language: survey.locale,
    kind,
    requesterName: survey.requesterName,
    ticketNumber: survey.ticketNumber,
    title: survey.title,
    ratingUrl: `${deps.publicBaseUrl}/r/${ratingToken}`,
    unsubscribeUrl,
  });
  return sendMail(deps.mail, {
    to: email,
    ...rendered,
    headers: [
      { name: 'List-Unsubscribe', value: `<${unsubscribeUrl}>` },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ],
  });
};

const setStatus = async (
  deps: SendSurveyDeps,
  surveyId: string,
  from: readonly string[],
  to: string,
  now: Date,
  reason?: string
) => {
  const values: Record<string, unknown> = {
    ':to': to,
    ':now': now.toISOString(),
    ':index': surveyStatusIndexKey(to),
  };
  from.forEach((status, i) => (values[`:from${i}`] = status));
  if (reason) values[':reason'] = reason;
  await deps.db.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: surveyKey(surveyId),
      UpdateExpression: `SET #status = :to, updatedAt = :now, gsi2pk = :index, gsi2sk = :now${reason ? ', statusReason = :reason' : ''}`,
      ConditionExpression: `#status IN (${from.map((_s, i) => `:from${i}`).join(', ')})`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    })
  );
};
