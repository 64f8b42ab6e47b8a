import { personStore } from '#shared/data/person-store.ts';
import { surveyStore } from '#shared/data/survey-store.ts';
import { tokenStore } from '#shared/data/token-store.ts';
import { now } from '#shared/kernel/clock.ts';
import { tableFromEnv } from '#shared/data/table-from-env.ts';

/** The opt-out pages' stores (GET and POST /u/{token}): the link, its survey, the person. */
export const optOutStoresFromEnv = () => {
  const table = tableFromEnv();
  return {
    tokens: tokenStore(table),
    surveys: surveyStore(table),
    persons: personStore(table),
    now,
  };
};
