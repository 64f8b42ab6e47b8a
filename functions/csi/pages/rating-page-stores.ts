import { aggregateStore } from '#shared/data/aggregate-store.ts';
import { clickStore } from '#shared/data/click-store.ts';
import { responseStore } from '#shared/data/response-store.ts';
import { surveyStore } from '#shared/data/survey-store.ts';
import { tokenStore } from '#shared/data/token-store.ts';
import { transactor } from '#shared/data/transact.ts';
import { now } from '#shared/kernel/clock.ts';
import { tableFromEnv } from '#shared/data/table-from-env.ts';

/**
 * The rating page's stores (GET and HEAD /r/{token}): the link and its survey, the click
 * and its counter, the earlier rating shown again.
 */
export const ratingPageStoresFromEnv = () => {
  const table = tableFromEnv();
  return {
    tokens: tokenStore(table),
    surveys: surveyStore(table),
    clicks: clickStore(table),
    aggregates: aggregateStore(table),
    responses: responseStore(table),
    transact: transactor(table),
    now,
  };
};
