import { emailKey } from '../kernel/tokens.ts';
import { equals } from './expression.ts';
import { itemStore, NEW_ITEM, queryThenGet, type Table, type TransactItem } from './item-store.ts';
import { responseKey } from './keys.ts';
import { requesterRatingEntry, requesterRatingsPartition } from './requester-keys.ts';
import { responseSchema, type SurveyResponse } from './response.ts';
import type { Survey } from './survey.ts';

/** What a rating records; the store adds the revision. */
export interface RatingRecord {
  readonly score: number;
  readonly reasons: readonly string[];
  readonly comment: string;
  readonly submittedAt: string;
}

/** What of the survey a response keeps: its ticket, and its person for the index by requester. */
export type RatedSurvey = Pick<
  Survey,
  'surveyId' | 'ticketNumber' | 'requesterEmail' | 'businessUnit' | 'businessUnitRaw'
>;

/** The response's entry on the person's ratings (none without an address) and its ticket. */
const requesterPart = (survey: RatedSurvey, submittedAt: string) => ({
  ...(survey.requesterEmail
    ? requesterRatingEntry(emailKey(survey.requesterEmail), submittedAt)
    : {}),
  ticketNumber: survey.ticketNumber,
});

/**
 * The response of a survey, beside it in the survey's partition. A first rating creates
 * it once; a change replaces it only on top of the revision it read, so two changes at
 * once never both move the counters.
 */
export const responseStore = (table: Table) => {
  const items = itemStore(table);
  return {
    find: async (surveyId: string): Promise<SurveyResponse | undefined> => {
      const item = await items.get(responseKey(surveyId));
      return item ? responseSchema.parse(item) : undefined;
    },

    /** The TransactWrite part of the first rating (fails if the survey has a response). */
    firstItem: (surveyId: string, rating: RatingRecord, userAgent: string): TransactItem =>
      items.putItem(
        {
          ...responseKey(surveyId),
          surveyId,
          ...rating,
          userAgent,
          revision: 0,
        },
        NEW_ITEM
      ),

    /**
     * The TransactWrite part that writes the response whole, first or changed: unguarded
     * itself, it goes with the survey's `rateItem`, whose revision guards the transaction.
     */
    putRatingItem: (
      survey: RatedSurvey,
      rating: RatingRecord,
      userAgent: string,
      revision: number
    ): TransactItem =>
      items.putItem({
        ...responseKey(survey.surveyId),
        surveyId: survey.surveyId,
        ...requesterPart(survey, rating.submittedAt),
        // The survey's unit beside the response: a unit's responses are its own.
        businessUnit: survey.businessUnit,
        businessUnitRaw: survey.businessUnitRaw,
        ...rating,
        userAgent,
        revision,
      }),

    /**
     * A person's latest ratings, newest first (eventually consistent, as the index): what the
     * case page lists as the requester's earlier ratings.
     */
    byRequester: async (email: string, limit: number): Promise<SurveyResponse[]> =>
      (
        await queryThenGet(items, requesterRatingsPartition(emailKey(email)), {
          newestFirst: true,
          limit,
        })
      ).map((item) => responseSchema.parse(item)),

    /** The TransactWrite part of a change (fails if another change came first). */
    changeItem: (surveyId: string, revision: number, rating: RatingRecord): TransactItem =>
      items.updateItem({
        key: responseKey(surveyId),
        set: { ...rating, revision: revision + 1 },
        when: equals('revision', revision),
      }),
  };
};
export type ResponseStore = ReturnType<typeof responseStore>;
