import { z } from 'zod';
import { rawUnitSchema, unitIdField } from './unit-fields.ts';

/**
 * A CSI survey: one per resolution of a ticket. Items are read back through this schema
 * (the table is ours, but a schema keeps a half-migrated item from passing silently).
 */
export const SURVEY_STATUSES = [
  'scheduled',
  'sending',
  'sent',
  'reminded',
  'rated',
  'expired',
  'cancelled',
  'suppressed',
  'no-contact',
  'failed',
] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** Not yet mailed: a send claims the survey from these (a retried send resumes `sending`). */
export const UNSENT: readonly SurveyStatus[] = ['scheduled', 'sending'];
/** Mailed and waiting for a rating: the workflow parks its token; a first rating is taken. */
export const AWAITING_RATING: readonly SurveyStatus[] = ['sent', 'reminded'];
/** Still in the loop: a reopening cancels these, the reconcile pass gives them a workflow. */
export const PENDING: readonly SurveyStatus[] = [...UNSENT, ...AWAITING_RATING];
/**
 * Statuses with a work list (the status index) the reconcile pass reads: the pending ones and `failed`
 * (a transient failure is retried). A survey in any other status is over and off the index.
 */
export const ON_WORK_LIST: readonly SurveyStatus[] = [...PENDING, 'failed'];
/** Statuses in which a rating is taken (a rated survey takes a changed score). */
export const RATEABLE: readonly SurveyStatus[] = [...AWAITING_RATING, 'rated'];

const ref = z.object({ id: z.string().optional(), name: z.string() });

/** One send of a survey mail: its id (the SES tag `otklik-attempt`), its time, its count. */
export const mailAttemptSchema = z.object({
  id: z.string(),
  at: z.string(),
  count: z.number().int().positive(),
});
export type MailAttempt = z.infer<typeof mailAttemptSchema>;

export const surveySchema = z.object({
  surveyId: z.string(),
  source: z.string(),
  ticketId: z.string(),
  ticketNumber: z.string(),
  title: z.string().optional(),
  requesterEmail: z.string().nullable(),
  requesterName: z.string().optional(),
  locale: z.enum(['ru', 'en']),
  /** The registered unit's id, or `unassigned` (docs/business-units.md). */
  businessUnit: unitIdField,
  /** The business unit as the ticket system sent it. */
  businessUnitRaw: rawUnitSchema.optional(),
  service: ref.optional(),
  category: ref.optional(),
  team: ref.optional(),
  agentEmail: z.string().optional(),
  agentName: z.string().optional(),
  openedAt: z.string().optional(),
  resolvedAt: z.string(),
  slaDueAt: z.string().nullable().optional(),
  slaBreached: z.boolean().nullable().optional(),
  reopenCount: z.number().nullable().optional(),
  resolutionCode: z.string().optional(),
  status: z.enum(SURVEY_STATUSES),
  statusReason: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().optional(),
  remindedAt: z.string().optional(),
  ratedAt: z.string().optional(),
  closesAt: z.string().optional(),
  score: z.number().int().min(1).max(5).optional(),
  firstClickAt: z.string().optional(),
  clickCount: z.number().optional(),
  /**
   * What the score links saw, for the scanner heuristics (functions/csi/rating/click-log.ts):
   * `<time>|<score, or H for a HEAD>|<b: a browser's user agent, s: not>`, at most a few.
   */
  clickLog: z.array(z.string()).optional(),
  /** `inferred`: the score is a promoted click, not a confirmed answer (absent: confirmed). */
  ratingKind: z.literal('inferred').optional(),
  followUpId: z.string().optional(),
  /** The SES message id of the invitation. */
  messageId: z.string().optional(),
  /** The SES message id of the reminder. */
  reminderMessageId: z.string().optional(),
  /** When the scheduled start of its workflow is due (the send delay after the delivery of its resolution). */
  sendAt: z.string().optional(),
  /**
   * The last send of the invitation or the reminder, recorded before SES is called: a retry
   * after an unknown outcome (a timeout, a reset) finds it and asks the mail receipts
   * (SES Send events) whether SES took it, instead of mailing twice.
   */
  invitationAttempt: mailAttemptSchema.optional(),
  reminderAttempt: mailAttemptSchema.optional(),
  /** Counts the rating's writes (first 1): a change is conditional on the one it read. */
  ratingRevision: z.number().int().positive().optional(),
  taskToken: z.string().optional(),
  /** How many times the reconcile pass gave a survey failed for a transient reason another workflow. */
  reconcileRetries: z.number().int().nonnegative().optional(),
  aggregateDay: z.string(),
  aggregateDimension: z.string(),
});
export type Survey = z.infer<typeof surveySchema>;

/**
 * The survey's workflow state, in an item of its own beside the survey (`surveyTaskKey`):
 * the task token the workflow waits on and the reminder's last send attempt. The survey
 * store reads it with the survey and hands both back as one `Survey` (the token only while
 * the survey awaits its rating: nothing waits on one that is over, whatever the item still
 * holds until its TTL). A survey written before it keeps these on itself (read as well).
 * The invitation's attempt stays on the survey: it is written by the one conditional write
 * that claims the survey, so a claim that lost a race leaves no attempt behind.
 */
export const surveyTaskSchema = z.object({
  taskToken: z.string().optional(),
  reminderAttempt: mailAttemptSchema.optional(),
});
export type SurveyTask = z.infer<typeof surveyTaskSchema>;

/** The survey item without the workflow state it kept before the task item. */
const surveyOwnSchema = surveySchema.omit({ taskToken: true, reminderAttempt: true });

/**
 * A survey as the stores hand it out (survey-store.ts, rating-link-store.ts): its item and its task item together. The token only
 * while the survey awaits its rating (a rated, cancelled or expired survey has nothing
 * waiting; the task item stays until its TTL). A survey written before the task item
 * existed keeps its token and attempts on itself: they are read from there.
 */
export const assembleSurvey = (
  item: Record<string, unknown>,
  taskItem: Record<string, unknown> | undefined
): Survey => {
  const survey = surveyOwnSchema.parse(item);
  const legacy = surveyTaskSchema.parse(item);
  const parsedTask = surveyTaskSchema.safeParse(taskItem ?? {});
  const task = parsedTask.success ? parsedTask.data : {};
  const taskToken = task.taskToken ?? legacy.taskToken;
  const reminderAttempt = task.reminderAttempt ?? legacy.reminderAttempt;
  return {
    ...survey,
    ...(reminderAttempt ? { reminderAttempt } : {}),
    ...(taskToken && AWAITING_RATING.includes(survey.status) ? { taskToken } : {}),
  };
};
/** The fields the admin API shows: never the task token or the email. */
export const publicSurvey = (s: Survey) => ({
  surveyId: s.surveyId,
  source: s.source,
  ticketId: s.ticketId,
  ticketNumber: s.ticketNumber,
  status: s.status,
  statusReason: s.statusReason,
  score: s.score,
  businessUnit: s.businessUnit,
  businessUnitRaw: s.businessUnitRaw,
  service: s.service,
  createdAt: s.createdAt,
  resolvedAt: s.resolvedAt,
  sentAt: s.sentAt,
  remindedAt: s.remindedAt,
  ratedAt: s.ratedAt,
  closesAt: s.closesAt,
  unconfirmedClicks: s.clickCount ?? 0,
  ratingKind: s.score === undefined ? undefined : (s.ratingKind ?? 'confirmed'),
  followUpId: s.followUpId,
});
