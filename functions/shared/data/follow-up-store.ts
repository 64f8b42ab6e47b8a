import { absent, allOf, anyOf, exists, isIn, lessThan } from './expression.ts';
import { entityReads } from './entity-reads.ts';
import { followUpSchema, UNRESOLVED, type FollowUp, type FollowUpStatus } from './follow-up.ts';
import {
  itemStore,
  NEW_ITEM,
  primaryKeyOf,
  queryThenGet,
  type Item,
  type ItemStore,
  type ItemUpdate,
  type Table,
  type TransactItem,
} from './item-store.ts';
import { followUpKey, followUpWorkListEntries, followUpWorkListPartition } from './keys.ts';
import { FollowUpNotFoundError } from './not-found-errors.ts';

/** What a transition needs of the case: its id, and what places it on the work lists. */
export type FollowUpRef = Pick<FollowUp, 'followUpId' | 'businessUnit' | 'dueAt'>;

/** What a transition may set besides the status; `updatedAt` always. */
export type FollowUpChange = { readonly updatedAt: string } & Partial<
  Omit<FollowUp, 'followUpId' | 'status' | 'updatedAt' | 'taskToken'>
>;

/**
 * Where a case sorts on its status's work lists: open and overdue cases by their due time
 * (the earliest due first), resolved ones by the time they were resolved.
 */
const workListEntries = (followUp: FollowUpRef, status: FollowUpStatus, changedAt: string) =>
  followUpWorkListEntries(
    status,
    // A case from before units were kept at all sat on the `-` list, as it still does.
    (followUp.businessUnit ?? '-').replace(/#/g, '_'),
    status === 'resolved' ? changedAt : followUp.dueAt
  );

const transitionUpdate = (
  followUp: FollowUpRef,
  from: readonly FollowUpStatus[],
  to: FollowUpStatus,
  change: FollowUpChange
): ItemUpdate => ({
  key: followUpKey(followUp.followUpId),
  set: { ...change, status: to, ...workListEntries(followUp, to, change.updatedAt) },
  when: isIn('status', from),
});

const parsedAll = (items: readonly Item[]): FollowUp[] =>
  items.flatMap((item) => {
    const result = followUpSchema.safeParse(item);
    return result.success ? [result.data] : [];
  });

export interface WorkListQuery {
  /** One business unit's cases (its key part: id, else name); all units' without it. */
  readonly unit?: string;
  readonly limit?: number;
  /** Sort-time bounds, inclusive (the due time; the resolution time of resolved cases). */
  readonly between?: { readonly from: string; readonly to: string };
}

const followUpReads = (items: ItemStore) => {
  const { find, get } = entityReads(
    items,
    followUpKey,
    followUpSchema,
    (id) => new FollowUpNotFoundError(`no follow-up ${id}`)
  );
  return {
    find,
    /** @throws FollowUpNotFoundError */
    get,
    /** A status's work list, of all units or one, in sort-time order. */
    listByStatus: async (status: FollowUpStatus, query: WorkListQuery = {}) =>
      // The work-list indexes carry no case attributes: the cases found are read by key.
      parsedAll(
        await queryThenGet(items, followUpWorkListPartition(status, query.unit), {
          ...(query.between ? { range: query.between } : {}),
          ...(query.limit === undefined ? {} : { limit: query.limit }),
        })
      ),
    /**
     * One page of a status's work list (the admin API's): up to `limit` cases from `start`
     * (the `next` of the page before, DynamoDB's own key), and the start of the next page.
     */
    pageByStatus: async (
      status: FollowUpStatus,
      query: {
        readonly limit: number;
        readonly start?: Record<string, unknown> | undefined;
        /** One business unit's list (its key part); all units' without it. */
        readonly unit?: string | undefined;
      }
    ): Promise<{ followUps: FollowUp[]; next: Record<string, unknown> | undefined }> => {
      const page = await items.queryPage(followUpWorkListPartition(status, query.unit), {
        limit: query.limit,
        start: query.start,
      });
      const keys = page.items.flatMap((entry) => {
        const key = primaryKeyOf(entry);
        return key ? [key] : [];
      });
      return { followUps: parsedAll(await items.batchGet(keys)), next: page.next };
    },
  };
};

const followUpTransitions = (items: ItemStore) => ({
  /** The TransactWrite part that opens a case, once (its id is its survey's). */
  openItem: (followUp: FollowUp): TransactItem =>
    items.putItem(
      {
        ...followUpKey(followUp.followUpId),
        ...followUp,
        ...workListEntries(followUp, followUp.status, followUp.updatedAt),
      },
      NEW_ITEM
    ),
  /**
   * Moves a case from one of `from` to `to` with `change`; both work lists follow.
   * @returns false when its status was not in `from`
   */
  transition: async (
    followUp: FollowUpRef,
    from: readonly FollowUpStatus[],
    to: FollowUpStatus,
    change: FollowUpChange
  ): Promise<boolean> => (await items.update(transitionUpdate(followUp, from, to, change))).applied,
  /** The same transition as a TransactWrite part. */
  transitionItem: (
    followUp: FollowUpRef,
    from: readonly FollowUpStatus[],
    to: FollowUpStatus,
    change: FollowUpChange
  ): TransactItem => items.updateItem(transitionUpdate(followUp, from, to, change)),
});

/** The owner generation of a case item as it was (none yet: 0). */
const ownerGenerationOf = (item: Item | undefined): number => {
  const parsed = followUpSchema.shape.ownerGeneration.safeParse(item?.ownerGeneration);
  return parsed.success ? (parsed.data ?? 0) : 0;
};

/** The rating a case follows (`followRating`): what the person says now, and its revision. */
export interface CaseRating {
  readonly score: number;
  readonly comment: string;
  readonly reasons: readonly string[];
  /** The survey's `ratingRevision` of this rating: an older one never overwrites a newer. */
  readonly revision: number;
  readonly at: string;
  /** The score is at the threshold or above now (a change lifted it). */
  readonly lifted: boolean;
}

const followUpMarks = (items: ItemStore) => ({
  /**
   * Keeps a case in step with its survey's current rating: the score, comment and reasons,
   * the score it was opened with kept (`openingScore`, the first time the score changes),
   * `liftedAboveThresholdAt` set while the score is at the threshold or above. Only on top of
   * an older rating, so two changes applied out of order leave the later one.
   * @returns false when there is no case, or it follows a later rating already
   */
  followRating: async (followUpId: string, rating: CaseRating): Promise<boolean> =>
    (
      await items.update({
        key: followUpKey(followUpId),
        set: {
          score: rating.score,
          comment: rating.comment,
          reasons: rating.reasons,
          ratingRevision: rating.revision,
        },
        // Evaluated on the case as it was: the score it had before this write.
        copyIfAbsent: { openingScore: 'score' },
        ...(rating.lifted ? { setIfAbsent: { liftedAboveThresholdAt: rating.at } } : {}),
        remove: rating.lifted ? [] : ['liftedAboveThresholdAt'],
        when: allOf(
          exists('pk'),
          anyOf(absent('ratingRevision'), lessThan('ratingRevision', rating.revision))
        ),
      })
    ).applied,
  /**
   * Records that the owner was mailed the case link (a resumed workflow notifies again
   * while it is missing); a later mail (a new owner) moves it on.
   */
  markOwnerNotified: async (followUpId: string, at: string): Promise<void> => {
    await items.update({ key: followUpKey(followUpId), set: { ownerNotifiedAt: at } });
  },
  /**
   * Hands an unresolved case to another owner and counts up its owner generation in the
   * same write, which revokes every owner link mailed before.
   * @returns the new owner generation, for the new owner's link; undefined when the case
   *   is resolved or missing
   */
  assign: async (
    followUpId: string,
    owner: FollowUp['owner'],
    at: string
  ): Promise<number | undefined> => {
    const { applied, old } = await items.update(
      {
        key: followUpKey(followUpId),
        set: { owner, updatedAt: at },
        add: { ownerGeneration: 1 },
        when: allOf(exists('pk'), isIn('status', UNRESOLVED)),
      },
      // The generation this write made, not one a concurrent assignment made after it.
      { returnOld: true }
    );
    return applied ? ownerGenerationOf(old) + 1 : undefined;
  },
  /**
   * Takes an unresolved case in progress, the first time only (a second take keeps the first).
   * @returns false when the case is resolved or missing
   */
  markInProgress: async (followUpId: string, at: string): Promise<boolean> =>
    (
      await items.update({
        key: followUpKey(followUpId),
        set: { updatedAt: at },
        setIfAbsent: { inProgressAt: at },
        when: allOf(exists('pk'), isIn('status', UNRESOLVED)),
      })
    ).applied,
  /** Claims the closing mail, once; false when it was claimed (or sent) already. */
  claimClosingMail: async (followUpId: string, at: string): Promise<boolean> =>
    (
      await items.update({
        key: followUpKey(followUpId),
        set: { closingEmailSentAt: at },
        when: absent('closingEmailSentAt'),
      })
    ).applied,
  /** Gives the claim back (the mail failed), so a retry sends it. */
  releaseClosingMail: async (followUpId: string): Promise<void> => {
    await items.update({ key: followUpKey(followUpId), remove: ['closingEmailSentAt'] });
  },
  /** Parks the workflow's task token on an unresolved case; false when it is resolved. */
  parkTaskToken: async (followUpId: string, taskToken: string): Promise<boolean> =>
    (
      await items.update({
        key: followUpKey(followUpId),
        set: { taskToken },
        when: isIn('status', UNRESOLVED),
      })
    ).applied,
});

/**
 * Follow-up cases and their two work lists per status: all units' (the admin list) and each
 * business unit's (a unit's open cases in one query; keys.ts). Every status change
 * is a guarded transition that moves the case on both lists at once.
 */
export const followUpStore = (table: Table) => {
  const items = itemStore(table);
  return { ...followUpReads(items), ...followUpTransitions(items), ...followUpMarks(items) };
};
export type FollowUpStore = ReturnType<typeof followUpStore>;
