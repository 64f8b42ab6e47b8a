import { itemStore, primaryKeyOf, type Item, type Table } from './item-store.ts';
import { ticketSourcePrefix, ticketSurveysPartition } from './keys.ts';
import { surveySchema, type Survey } from './survey.ts';

/** One page of a ticket's surveys, from `start` (the `next` of the page before). */
export interface TicketSurveyPageQuery {
  /** Only this source's surveys of the ticket. */
  readonly source?: string | undefined;
  readonly newestFirst?: boolean;
  readonly limit: number;
  readonly start?: Record<string, unknown> | undefined;
}

const parsedAll = (items: readonly Item[]): Survey[] =>
  items.flatMap((item) => {
    const result = surveySchema.safeParse(item);
    return result.success ? [result.data] : [];
  });

/**
 * A ticket's surveys a page at a time, for the admin list (GET /v1/surveys). Apart from
 * the survey store's `listByTicket`, which reads every page for intake's decisions (a
 * reopened ticket, a duplicate): a list an administrator pages through stops at `limit`
 * and says where the next page begins. The lookup index holds keys only, so the surveys
 * a page found are read by key, in the page's order.
 */
export const ticketSurveyPages = (table: Table) => {
  const items = itemStore(table);
  return {
    page: async (
      ticketId: string,
      query: TicketSurveyPageQuery
    ): Promise<{ surveys: Survey[]; next: Record<string, unknown> | undefined }> => {
      const page = await items.queryPage(ticketSurveysPartition(ticketId), {
        ...(query.source === undefined
          ? {}
          : { range: { beginsWith: ticketSourcePrefix(query.source) } }),
        ...(query.newestFirst ? { newestFirst: true } : {}),
        limit: query.limit,
        start: query.start,
      });
      const keys = page.items.flatMap((entry) => {
        const key = primaryKeyOf(entry);
        return key ? [key] : [];
      });
      return { surveys: parsedAll(await items.batchGet(keys)), next: page.next };
    },
  };
};
