import { hashToken } from '../kernel/tokens.ts';
import { itemStore, type Item, type Key, type Table } from './item-store.ts';
import { PRIMARY_KEY, surveyKey, surveyTaskKey, tokenKey } from './keys.ts';
import { assembleSurvey, type Survey } from './survey.ts';
import { tokenSchema, type TokenRecord } from './token.ts';

/** A rating link's token item and its survey, as one read found them. */
export interface RatingLinkRead {
  /** What the token opens; undefined for an unknown one (as `tokens.find`). */
  readonly link: TokenRecord | undefined;
  /**
   * The survey with its workflow state, as `surveys.getWithTask` assembles it; undefined
   * when there is no such survey. Parsed only when asked: the link decides first, so an
   * unknown token answers 404 whatever the survey's item holds.
   */
  readonly survey: () => Survey | undefined;
}

const sameKey = (item: Item, key: Key) =>
  item[PRIMARY_KEY.pk] === key[PRIMARY_KEY.pk] && item[PRIMARY_KEY.sk] === key[PRIMARY_KEY.sk];

/**
 * The reads of a rating link whose token names its survey (token-store.ts, subjectOfToken):
 * the token item, the survey item and its task item in one strongly consistent BatchGetItem
 * instead of three GetItems at once (issue 8: one request to sign, send and answer, which
 * on DynamoDB Local under load took half the time of the three).
 */
export const ratingLinkStore = (table: Table) => {
  const items = itemStore(table);
  return {
    read: async (token: string, surveyId: string): Promise<RatingLinkRead> => {
      const keys = {
        link: tokenKey(hashToken(token)),
        survey: surveyKey(surveyId),
        task: surveyTaskKey(surveyId),
      };
      const found = await items.batchGet([keys.link, keys.survey, keys.task], {
        consistent: true,
      });
      const itemOf = (key: Key) => found.find((item) => sameKey(item, key));
      const parsedLink = tokenSchema.safeParse(itemOf(keys.link));
      return {
        link: parsedLink.success ? parsedLink.data : undefined,
        survey: () => {
          const surveyItem = itemOf(keys.survey);
          return surveyItem ? assembleSurvey(surveyItem, itemOf(keys.task)) : undefined;
        },
      };
    },
  };
};
export type RatingLinkStore = ReturnType<typeof ratingLinkStore>;
