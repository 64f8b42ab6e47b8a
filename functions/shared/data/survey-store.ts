import { z } from 'zod';
import { absent, allOf, equals, greaterThan, isIn } from './expression.ts';
import {
  itemStore,
  NEW_ITEM,
  queryThenGet,
  type Item,
  type ItemStore,
  type ItemUpdate,
  type Table,
  type TransactItem,
} from './item-store.ts';
import {
  epochSeconds,
  surveyKey,
  surveyStatusEntry,
  surveyTaskKey,
  TTL_ATTRIBUTE,
  SURVEY_WORK_LIST_KEYS,
  surveyStatusPartitions,
  ticketSourcePrefix,
  ticketSurveysEntry,
  ticketSurveysPartition,
} from './keys.ts';
import { SurveyNotFoundError } from './not-found-errors.ts';
import {
  assembleSurvey,
  AWAITING_RATING,
  ON_WORK_LIST,
  PENDING,
  UNSENT,
  surveySchema,
  type MailAttempt,
  type Survey,
  type SurveyStatus,
  type SurveyTask,
} from './survey.ts';

/** What a transition may set besides the status; `updatedAt` always (it sorts the work list). */
export type SurveyChange = { readonly updatedAt: string } & Partial<
  Omit<Survey, 'surveyId' | 'status' | 'updatedAt' | keyof SurveyTask>
>;

export interface TransitionGuard {
  /**
   * Drops a task token kept on the survey item itself (one written before the task item);
   * the task item's token needs nothing: it is not read once the survey is over.
   */
  readonly removeTaskToken?: boolean;
  /** Only while the survey's window is open at this time (`closesAt` after it). */
  readonly openAt?: string;
  /** Only while no score link was clicked (no `clickLog`): clicks are settled first. */
  readonly unclicked?: boolean;
}

/**
 * What the status work list (an INCLUDE index) carries of a survey: enough for the
 * reconcile pass to give it a workflow with its remaining waits, without reading it.
 */
export const surveyWorkItemSchema = surveySchema.pick({
  surveyId: true,
  status: true,
  statusReason: true,
  sendAt: true,
  sentAt: true,
  remindedAt: true,
  closesAt: true,
  reconcileRetries: true,
});
export type SurveyWorkItem = z.infer<typeof surveyWorkItemSchema>;

const workItems = (items: readonly Item[]): SurveyWorkItem[] =>
  items.flatMap((item) => {
    const result = surveyWorkItemSchema.safeParse(item);
    return result.success ? [result.data] : [];
  });

/** The task item lives past any survey's windows (days), then TTL deletes it for free. */
const TASK_RETENTION_SECONDS = 90 * 86400;

/**
 * A write of the task item (created by the first): what it sets, its TTL renewed. Always a
 * single unconditional write: the survey's own status decides whether it is read.
 */
const taskUpdate = (surveyId: string, set: SurveyTask, at: Date): ItemUpdate => ({
  key: surveyTaskKey(surveyId),
  set: { ...set, [TTL_ATTRIBUTE]: epochSeconds(at) + TASK_RETENTION_SECONDS },
});

const parsedAll = (items: readonly Item[]): Survey[] =>
  items.flatMap((item) => {
    const result = surveySchema.safeParse(item);
    return result.success ? [result.data] : [];
  });

/**
 * The work-list part of a move to `to` (keys.ts): the entry moves to the new status's list,
 * or, for a status no work list is read for (rated, expired, cancelled…), leaves the index:
 * one index delete instead of a delete and a put (issue 8). Nothing when the status cannot
 * change (a changed rating): no index entry is rewritten.
 */
const workListMove = (
  surveyId: string,
  from: readonly SurveyStatus[],
  to: SurveyStatus,
  at: string
): { readonly set: Record<string, string>; readonly remove: readonly string[] } => {
  if (!from.some((status) => status !== to)) return { set: {}, remove: [] };
  return ON_WORK_LIST.includes(to)
    ? { set: surveyStatusEntry(surveyId, to, at), remove: [] }
    : { set: {}, remove: SURVEY_WORK_LIST_KEYS };
};

const transitionUpdate = (
  surveyId: string,
  from: readonly SurveyStatus[],
  to: SurveyStatus,
  change: SurveyChange,
  guard: TransitionGuard
): ItemUpdate => {
  const move = workListMove(surveyId, from, to, change.updatedAt);
  return {
    key: surveyKey(surveyId),
    set: { ...change, status: to, ...move.set },
    remove: [...move.remove, ...(guard.removeTaskToken ? ['taskToken'] : [])],
    when: allOf(
      isIn('status', from),
      ...(guard.openAt === undefined ? [] : [greaterThan('closesAt', guard.openAt)]),
      ...(guard.unclicked ? [absent('clickLog')] : [])
    ),
  };
};

/** The task token an item held before a write, read loosely: only the token matters. */
const heldStatus = z.object({ status: z.string().optional(), taskToken: z.string().optional() });

/** Reads: by id, a ticket's surveys, a page of a status's work list. */
const surveyReads = (items: ItemStore) => {
  const find = async (id: string): Promise<Survey | undefined> => {
    const item = await items.get(surveyKey(id));
    return item ? surveySchema.parse(item) : undefined;
  };
  /** The survey and its task item, read at once (two strongly consistent reads). */
  const findWithTask = async (id: string): Promise<Survey | undefined> => {
    const [item, task] = await Promise.all([
      items.get(surveyKey(id)),
      items.get(surveyTaskKey(id)),
    ]);
    return item ? assembleSurvey(item, task) : undefined;
  };
  const notFound = (id: string) => new SurveyNotFoundError(`no survey ${id}`);
  return {
    /** The survey item alone: what it holds of the workflow is only what it kept before the task item. */
    find,
    /** @throws SurveyNotFoundError */
    get: async (id: string): Promise<Survey> => (await find(id)) ?? Promise.reject(notFound(id)),
    /**
     * The survey with its workflow state (the waiting task token, the reminder's attempt),
     * for those that answer the workflow or resume a mail.
     * @throws SurveyNotFoundError
     */
    getWithTask: async (id: string): Promise<Survey> =>
      (await findWithTask(id)) ?? Promise.reject(notFound(id)),
    /** A ticket's surveys (of one source, if given), oldest resolution first unless asked. */
    listByTicket: async (ticketId: string, options: TicketQuery = {}): Promise<Survey[]> =>
      // The lookup index holds keys only: the surveys it finds are read by key.
      parsedAll(
        await queryThenGet(items, ticketSurveysPartition(ticketId), {
          ...(options.source === undefined
            ? {}
            : { range: { beginsWith: ticketSourcePrefix(options.source) } }),
          ...(options.newestFirst ? { newestFirst: true } : {}),
          ...(options.limit === undefined ? {} : { limit: options.limit }),
        })
      ),
    /**
     * One page of one shard of a status's work list: the surveys that entered the status
     * before a time, oldest first, as the index carries them (SurveyWorkItem).
     */
    statusPage: async (
      status: SurveyStatus,
      shard: number,
      query: StatusPageQuery
    ): Promise<{ surveys: SurveyWorkItem[]; next: Record<string, unknown> | undefined }> => {
      const partition = surveyStatusPartitions(status)[shard];
      if (!partition) throw new RangeError(`no shard ${shard} of the ${status} work list`);
      const range = query.after
        ? { from: query.after, to: query.before }
        : { before: query.before };
      const page = await items.queryPage(partition, {
        range,
        limit: query.limit,
        start: query.start,
      });
      return { surveys: workItems(page.items), next: page.next };
    },
  };
};

export interface StatusPageQuery {
  /** Entered the status before this time (exclusive; inclusive with `after`). */
  readonly before: string;
  /** …and at or after this one, if given. */
  readonly after?: string | undefined;
  readonly limit: number;
  /** Where the page before ended. */
  readonly start?: Record<string, unknown> | undefined;
}

export interface TicketQuery {
  readonly source?: string;
  readonly newestFirst?: boolean;
  readonly limit?: number;
}

/** Creation and the guarded status transitions (alone, or as a TransactWrite part). */
const surveyTransitions = (items: ItemStore) => ({
  /**
   * Creates a survey, once (its id is its resolution's): one conditional put.
   * @returns false when it exists already
   */
  create: async (survey: Survey): Promise<boolean> =>
    items.put(
      {
        ...surveyKey(survey.surveyId),
        ...survey,
        ...ticketSurveysEntry(survey.ticketId, survey.source, survey.resolvedAt),
        ...surveyStatusEntry(survey.surveyId, survey.status, survey.updatedAt),
      },
      NEW_ITEM
    ),
  /**
   * Moves a survey from one of `from` to `to` with `change`, the work list following.
   * @returns false when its status was not in `from` (or the guard failed)
   */
  transition: async (
    surveyId: string,
    from: readonly SurveyStatus[],
    to: SurveyStatus,
    change: SurveyChange,
    guard: TransitionGuard = {}
  ): Promise<boolean> =>
    (await items.update(transitionUpdate(surveyId, from, to, change, guard))).applied,
  /** The same transition as a TransactWrite part (its condition fails the transaction). */
  transitionItem: (
    surveyId: string,
    from: readonly SurveyStatus[],
    to: SurveyStatus,
    change: SurveyChange,
    guard: TransitionGuard = {}
  ): TransactItem => items.updateItem(transitionUpdate(surveyId, from, to, change, guard)),
  /** Cancels a pending survey (a reopened ticket); returns the task token it held, if any. */
  cancel: async (surveyId: string, at: string): Promise<Cancellation> => {
    const change = { updatedAt: at, statusReason: 'reopened' };
    const update = transitionUpdate(surveyId, PENDING, 'cancelled', change, {
      removeTaskToken: true,
    });
    const out = await items.update(update, { returnOld: true });
    if (!out.applied) return { cancelled: false };
    // The token that waited: on a survey written before the task item, else on its task
    // item (only a survey that awaited its rating has one parked).
    const old = heldStatus.safeParse(out.old ?? {});
    if (!old.success) return { cancelled: true, taskToken: undefined };
    if (old.data.taskToken || !AWAITING_RATING.some((s) => s === old.data.status))
      return { cancelled: true, taskToken: old.data.taskToken };
    const task = heldStatus.safeParse((await items.get(surveyTaskKey(surveyId))) ?? {});
    const taskToken = task.success ? task.data.taskToken : undefined;
    return { cancelled: true, taskToken };
  },
});

export interface Cancellation {
  readonly cancelled: boolean;
  readonly taskToken?: string | undefined;
}

/** A rating's write on its survey (`rateItem`): the score, on top of the revision it read. */
export interface SurveyRating {
  readonly score: number;
  readonly at: string;
  /** The survey as the rating read it: its status and revision are the write's guard. */
  readonly read: Pick<Survey, 'surveyId' | 'status' | 'ratingRevision'>;
  /** `inferred`: a promoted click (docs/rating.md); a confirmed rating drops the mark. */
  readonly kind?: 'inferred';
}

const ratingUpdate = (rating: SurveyRating): ItemUpdate => {
  const { read, score, at } = rating;
  const first = read.status !== 'rated';
  // Only the first rating changes the status: the survey leaves the work list (no list of
  // rated surveys is read), a changed one touches no index key.
  const move = first
    ? workListMove(read.surveyId, AWAITING_RATING, 'rated', at)
    : { set: {}, remove: [] };
  return {
    key: surveyKey(read.surveyId),
    set: {
      score,
      updatedAt: at,
      ratingRevision: (read.ratingRevision ?? 0) + 1,
      ...(first ? { status: 'rated', ratedAt: at, ...move.set } : {}),
      ...(rating.kind ? { ratingKind: rating.kind } : {}),
    },
    // Nothing waits on a rated survey: the token read with the survey is released after.
    remove: [...move.remove, 'taskToken', ...(rating.kind ? [] : ['ratingKind'])],
    when: allOf(
      isIn('status', first ? AWAITING_RATING : ['rated']),
      greaterThan('closesAt', at),
      read.ratingRevision === undefined
        ? absent('ratingRevision')
        : equals('ratingRevision', read.ratingRevision)
    ),
  };
};

/** What happens to a survey besides its status: clicks, the rating, the case, the task token. */
const surveyMarks = (items: ItemStore) => ({
  /**
   * The TransactWrite part of a rating (first or changed): the score, `ratingRevision` + 1,
   * the task token removed, while the survey is open and still at the revision the rating
   * read. A lost race cancels the transaction with the survey as it is now (ALL_OLD), so
   * the rating is tried again on top of it without reading it again.
   */
  rateItem: (rating: SurveyRating): TransactItem =>
    items.updateItem(ratingUpdate(rating), { returnOldOnFailure: true }),
  /** The survey a failed `rateItem` returned (undefined if it is not a survey any more). */
  parseReturned: (item: Item | undefined): Survey | undefined => {
    const parsed = surveySchema.safeParse(item);
    return parsed.success ? parsed.data : undefined;
  },
  /** The TransactWrite part that links the survey to its follow-up case. */
  linkFollowUpItem: (surveyId: string, followUpId: string): TransactItem =>
    items.updateItem({ key: surveyKey(surveyId), set: { followUpId } }),
  /**
   * The same link, only while the survey is still at the rating of that revision: a case
   * opened for a rating already replaced is not opened (the later rating decides).
   */
  linkFollowUpAtRevisionItem: (
    surveyId: string,
    followUpId: string,
    ratingRevision: number
  ): TransactItem =>
    items.updateItem({
      key: surveyKey(surveyId),
      set: { followUpId },
      when: equals('ratingRevision', ratingRevision),
    }),
  /**
   * Parks the workflow's task token for a survey that waits for its rating: on its task
   * item, then the survey is read (a strongly consistent read is a fifth of a write), so a
   * rating or cancellation that came first is seen as a conditional write would see it.
   * @returns false when the status moved on (the rating or a cancellation came first)
   */
  parkTaskToken: async (surveyId: string, taskToken: string): Promise<boolean> =>
    parkedWhileAwaiting(items, surveyId, taskUpdate(surveyId, { taskToken }, new Date())),
});

/**
 * Writes the task item, then answers whether the survey still awaits its rating (`sent`
 * or `reminded`, or only `statuses`): the check a conditional write on the survey made,
 * at the same point (before anything is mailed or answered).
 */
const parkedWhileAwaiting = async (
  items: ItemStore,
  surveyId: string,
  task: ItemUpdate,
  statuses: readonly SurveyStatus[] = AWAITING_RATING
): Promise<boolean> => {
  await items.update(task);
  const now = z.object({ status: z.string() }).safeParse(await items.get(surveyKey(surveyId)));
  return now.success && statuses.some((status) => status === now.data.status);
};

/** What a send attempt writes with it: the workflow's (new) task token, and the attempt. */
export interface SendClaim {
  readonly taskToken: string;
  readonly attempt: MailAttempt;
}

/** An invitation's claim: its time, and until when its links take a rating. */
export interface InvitationClaim extends SendClaim {
  readonly at: string;
  readonly closesAt: string;
}

/**
 * The writes of the mail tasks (functions/csi/tasks): each attempt is recorded, with the
 * workflow's task token, before SES is called, so a link is valid and a rating finds the
 * token before the mail can be opened; SES's acceptance is recorded once. The token goes to
 * the task item first (a claim that stopped after it leaves the survey as it was, and is
 * claimed again), then the survey's own part.
 */
const surveyMailing = (items: ItemStore) => ({
  /**
   * An unsent survey becomes `sent`: the task token on its task item, then one conditional
   * write of sentAt, closesAt and the invitation attempt.
   * @returns false when it was not unsent any more
   */
  claimInvitation: async (surveyId: string, claim: InvitationClaim): Promise<boolean> => {
    await items.update(taskUpdate(surveyId, { taskToken: claim.taskToken }, new Date(claim.at)));
    return (
      await items.update({
        key: surveyKey(surveyId),
        set: {
          status: 'sent',
          ...surveyStatusEntry(surveyId, 'sent', claim.at),
          updatedAt: claim.at,
          sentAt: claim.at,
          closesAt: claim.closesAt,
          invitationAttempt: claim.attempt,
        },
        when: isIn('status', UNSENT),
      })
    ).applied;
  },
  /**
   * A new attempt of an invitation that SES has not taken: the times move with it (its
   * links are fresh). Leaves the status and its work list alone.
   * @returns false when the survey moved on or SES's acceptance is recorded
   */
  retryInvitation: async (surveyId: string, claim: InvitationClaim): Promise<boolean> => {
    await items.update(taskUpdate(surveyId, { taskToken: claim.taskToken }, new Date(claim.at)));
    return (
      await items.update({
        key: surveyKey(surveyId),
        set: { sentAt: claim.at, closesAt: claim.closesAt, invitationAttempt: claim.attempt },
        when: allOf(equals('status', 'sent'), absent('messageId')),
      })
    ).applied;
  },
  /**
   * The TransactWrite part that records SES's acceptance of the invitation: once (it fails
   * when a message id is recorded already), whatever the status became meanwhile.
   */
  invitationAcceptedItem: (surveyId: string, messageId: string): TransactItem =>
    items.updateItem({ key: surveyKey(surveyId), set: { messageId }, when: absent('messageId') }),
  /**
   * The reminder attempt and the task token on the task item, then whether the survey is
   * still `sent` (read, not written: the survey itself does not change until SES took it).
   * @returns false when it is not `sent` any more
   */
  claimReminder: async (surveyId: string, claim: SendClaim): Promise<boolean> =>
    parkedWhileAwaiting(
      items,
      surveyId,
      taskUpdate(
        surveyId,
        { taskToken: claim.taskToken, reminderAttempt: claim.attempt },
        new Date(claim.attempt.at)
      ),
      ['sent']
    ),
});

/**
 * Surveys, their status work list (sharded, sorted by the last change), a ticket's surveys
 * and the lookup by SES message id (keys.ts). Every status change is a guarded
 * transition, which keeps the status, `updatedAt` and the work list together.
 */
export const surveyStore = (table: Table) => {
  const items = itemStore(table);
  return {
    ...surveyReads(items),
    ...surveyTransitions(items),
    ...surveyMarks(items),
    ...surveyMailing(items),
  };
};
export type SurveyStore = ReturnType<typeof surveyStore>;
