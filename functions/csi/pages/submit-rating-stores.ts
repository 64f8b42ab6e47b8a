import { aggregateStore } from '#shared/data/aggregate-store.ts';
import { businessUnitStore } from '#shared/data/business-unit-store.ts';
import { followUpStore } from '#shared/data/follow-up-store.ts';
import { ratingLinkStore } from '#shared/data/rating-link-store.ts';
import { responseStore } from '#shared/data/response-store.ts';
import { surveyStore } from '#shared/data/survey-store.ts';
import { tokenStore } from '#shared/data/token-store.ts';
import { attemptTransactor, transactor } from '#shared/data/transact.ts';
import { now } from '#shared/kernel/clock.ts';
import { tableFromEnv } from '#shared/data/table-from-env.ts';

/**
 * The rating POST's stores (POST /r/{token}), as table-from-env.ts explains: the link and its
 * survey in one read, the rating's transaction, and what a low score's case needs (the
 * case, its unit's quality owner).
 */
export const submitRatingStoresFromEnv = () => {
  const table = tableFromEnv();
  return {
    tokens: tokenStore(table),
    ratingLinks: ratingLinkStore(table),
    surveys: surveyStore(table),
    responses: responseStore(table),
    aggregates: aggregateStore(table),
    followUps: followUpStore(table),
    businessUnits: businessUnitStore(table),
    transact: transactor(table),
    attemptTransact: attemptTransactor(table),
    now,
  };
};
