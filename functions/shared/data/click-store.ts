import { absent } from './expression.ts';
import { itemStore, type Table, type TransactItem } from './item-store.ts';
import { surveyKey } from './keys.ts';

/** One request on a survey's score link, as the survey keeps it (see survey.ts). */
export interface ClickWrite {
  readonly surveyId: string;
  readonly at: string;
  readonly userAgent: string;
  /** The click-log line to append (functions/csi/rating/click-log.ts); none once the log is full. */
  readonly logLine: string | undefined;
}

/**
 * The unconfirmed clicks on a survey's rating links: the survey's click fields and its
 * click log, which the scanner heuristics read. Apart from the survey store (which another
 * concern keeps lean): each write here is one UpdateItem on the survey item, with the log
 * appended by `list_append`, so concurrent clicks (a scanner's burst) all land.
 */
export const clickStore = (table: Table) => {
  const items = itemStore(table);
  const log = (line: string | undefined): Record<string, readonly string[]> =>
    line === undefined ? {} : { clickLog: [line] };
  return {
    /** The TransactWrite part of a survey's first click (fails if it had one). */
    firstClickItem: (click: ClickWrite): TransactItem =>
      items.updateItem({
        key: surveyKey(click.surveyId),
        set: {
          firstClickAt: click.at,
          lastClickAt: click.at,
          lastClickUserAgent: click.userAgent,
          clickCount: 1,
        },
        append: log(click.logLine),
        when: absent('firstClickAt'),
      }),
    /** A later click: counted and logged on the survey only. */
    repeatClick: async (click: ClickWrite): Promise<void> => {
      await items.update({
        key: surveyKey(click.surveyId),
        set: { lastClickAt: click.at, lastClickUserAgent: click.userAgent },
        add: { clickCount: 1 },
        append: log(click.logLine),
      });
    },
    /** A HEAD of a score link: only logged (it is no click a person makes). */
    logHead: async (surveyId: string, logLine: string): Promise<void> => {
      await items.update({ key: surveyKey(surveyId), append: { clickLog: [logLine] } });
    },
  };
};
export type ClickStore = ReturnType<typeof clickStore>;
