import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { followUpSchema, type FollowUp } from './follow-up.ts';
import { followUpKey, responseKey, surveyKey, tokenKey } from './keys.ts';
import { responseSchema, surveySchema, type Survey, type SurveyResponse } from './survey.ts';
import { z } from 'zod';

/** The survey does not exist; task handlers throw it and the ASL fails the execution. */
export class SurveyNotFoundError extends Error {
  override name = 'SurveyNotFoundError';
}

export class FollowUpNotFoundError extends Error {
  override name = 'FollowUpNotFoundError';
}

export interface Store {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
}

const getItem = async (store: Store, key: Record<string, string>) =>
  (
    await store.db.send(
      new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: true })
    )
  ).Item;

export const findSurvey = async (store: Store, surveyId: string): Promise<Survey | undefined> => {
  const item = await getItem(store, surveyKey(surveyId));
  return item ? surveySchema.parse(item) : undefined;
};

export const getSurvey = async (store: Store, surveyId: string): Promise<Survey> => {
  const survey = await findSurvey(store, surveyId);
  if (!survey) throw new SurveyNotFoundError(`no survey ${surveyId}`);
  return survey;
};

export const findResponse = async (
  store: Store,
  surveyId: string
): Promise<SurveyResponse | undefined> => {
  const item = await getItem(store, responseKey(surveyId));
  return item ? responseSchema.parse(item) : undefined;
};

export const findFollowUp = async (
  store: Store,
  followUpId: string
): Promise<FollowUp | undefined> => {
  const item = await getItem(store, followUpKey(followUpId));
  return item ? followUpSchema.parse(item) : undefined;
};

export const getFollowUp = async (store: Store, followUpId: string): Promise<FollowUp> => {
  const found = await findFollowUp(store, followUpId);
  if (!found) throw new FollowUpNotFoundError(`no follow-up ${followUpId}`);
  return found;
};

export const TOKEN_KINDS = ['rating', 'unsubscribe', 'case'] as const;
export const tokenSchema = z.object({
  kind: z.enum(TOKEN_KINDS),
  subjectId: z.string(),
  /** ISO time after which the link answers 410. */
  validUntil: z.string(),
});
export type TokenRecord = z.infer<typeof tokenSchema>;

export const findToken = async (
  store: Store,
  tokenHash: string
): Promise<TokenRecord | undefined> => {
  const item = await getItem(store, tokenKey(tokenHash));
  const parsed = tokenSchema.safeParse(item);
  return parsed.success ? parsed.data : undefined;
};
