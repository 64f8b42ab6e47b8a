import { createHash } from 'node:crypto';
import type { DataStores } from '#shared/data/data-stores.ts';
import { aggregateDimension } from '#shared/data/keys.ts';
import { PENDING, surveySchema, type Survey } from '#shared/data/survey.ts';
import { conditionFailed } from '#shared/data/transact.ts';
import { languageOf } from '#shared/kernel/language.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import { csiExecutionInput } from '#shared/kernel/survey-waits.ts';
import { csiTimers } from '#shared/settings/survey-settings.ts';
import type { WorkflowPort } from '#shared/workflow/workflow-port.ts';
import { toUtc, type CanonicalEvent } from './canonical-event.schema.ts';

export interface IngestDeps extends Pick<DataStores, 'surveys' | 'deliveries' | 'transact'> {
  readonly workflow: Pick<WorkflowPort, 'startNamed' | 'failToken'>;
  readonly csiStateMachineArn: string;
  readonly settings: CsiSettings;
  readonly now: () => Date;
}

export type IngestOutcome =
  | { readonly kind: 'scheduled'; readonly surveyId: string }
  | { readonly kind: 'duplicate'; readonly surveyId?: string }
  | { readonly kind: 'cancelled'; readonly surveyIds: readonly string[] };

/** One survey per resolution: the same ticket and resolution time always give the same id. */
export const surveyIdFor = (source: string, ticketId: string, resolvedAt: string): string =>
  createHash('sha256')
    .update(`${source}|${ticketId}|${toUtc(resolvedAt)}`)
    .digest('hex')
    .slice(0, 32);

/**
 * Takes one verified ticket event.
 * 1. A repeated delivery id answers "duplicate" and changes nothing.
 * 2. Resolved or closed: the survey is written once per resolution, together with the
 *    delivery id, in one transaction; its workflow is started by name (idempotent), also
 *    for a repeat, so a start lost to a crash is made good by the sender's retry.
 * 3. Reopened: every survey of the ticket still pending is cancelled; a workflow waiting
 *    for its rating is told so (SurveyCancelled) and ends.
 */
export const ingestTicketEvent = async (
  deps: IngestDeps,
  source: string,
  deliveryId: string,
  event: CanonicalEvent
): Promise<IngestOutcome> => {
  const now = deps.now();
  const delivery = deps.deliveries.recordItem(source, deliveryId, now);
  if (event.eventType === 'ticket.reopened') {
    try {
      await deps.transact([delivery]);
    } catch (error) {
      if (conditionFailed(error, 0)) return { kind: 'duplicate' };
      throw error;
    }
    return {
      kind: 'cancelled',
      surveyIds: await cancelPendingSurveys(deps, source, event.ticketId, now),
    };
  }
  // The schema guarantees resolvedAt for resolved and closed events.
  const resolvedAt = toUtc(event.resolvedAt ?? now.toISOString());
  if (event.eventType === 'ticket.closed') {
    // Closing a resolution already surveyed in this cycle (Naumen resolved → closed, whose
    // close carries its own time) is the same resolution: no second survey.
    const surveyed = await surveyedThisCycle(deps, source, event.ticketId);
    if (surveyed) {
      await recordDelivery(deps, source, deliveryId, now);
      return { kind: 'duplicate', surveyId: surveyed };
    }
  }
  const surveyId = surveyIdFor(source, event.ticketId, resolvedAt);
  const survey = buildSurvey(deps.settings, source, surveyId, event, resolvedAt, now);
  try {
    await deps.transact([delivery, deps.surveys.createItem(survey)]);
  } catch (error) {
    // The survey exists (a repeat, or a retry after a crash before the start): make sure its
    // workflow runs. Only the delivery known (a reused id): nothing to do.
    if (conditionFailed(error, 1)) {
      await startSurveyWorkflow(deps, surveyId);
      return { kind: 'duplicate', surveyId };
    }
    if (conditionFailed(error, 0)) return { kind: 'duplicate', surveyId };
    throw error;
  }
  await startSurveyWorkflow(deps, surveyId);
  return { kind: 'scheduled', surveyId };
};

const buildSurvey = (
  settings: CsiSettings,
  source: string,
  surveyId: string,
  event: CanonicalEvent,
  resolvedAt: string,
  now: Date
): Survey =>
  surveySchema.parse({
    surveyId,
    source,
    ticketId: event.ticketId,
    ticketNumber: event.ticketNumber ?? event.ticketId,
    title: event.title,
    requesterEmail: event.requester.email,
    requesterName: event.requester.name,
    locale: languageOf(event.requester.locale, settings.defaultLocale),
    businessUnit: event.businessUnit,
    service: event.service,
    category: event.category,
    team: event.team,
    agentEmail: event.agent?.email,
    agentName: event.agent?.name,
    openedAt: event.openedAt === undefined ? undefined : toUtc(event.openedAt),
    resolvedAt,
    slaDueAt: event.slaDueAt ? toUtc(event.slaDueAt) : (event.slaDueAt ?? null),
    slaBreached: event.slaBreached ?? null,
    reopenCount: event.reopenCount ?? null,
    resolutionCode: event.resolutionCode,
    status: 'scheduled',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    aggregateDay: resolvedAt.slice(0, 10),
    aggregateDimension: aggregateDimension(event.businessUnit, event.service),
  });

/** Starts the survey's workflow; a second start with the same name is a no-op. */
export const startSurveyWorkflow = async (
  deps: Pick<IngestDeps, 'workflow' | 'csiStateMachineArn' | 'settings'>,
  surveyId: string
): Promise<void> => {
  await deps.workflow.startNamed(
    deps.csiStateMachineArn,
    surveyId,
    csiExecutionInput({ surveyId, status: 'scheduled' }, csiTimers(deps.settings), new Date())
  );
};

/** Records a delivery id; one seen before is fine (its event was a repeat anyway). */
const recordDelivery = async (deps: IngestDeps, source: string, deliveryId: string, now: Date) => {
  try {
    await deps.transact([deps.deliveries.recordItem(source, deliveryId, now)]);
  } catch (error) {
    if (!conditionFailed(error, 0)) throw error;
  }
};

/** The ticket's survey of its current cycle (made after its last reopening), if any. */
const surveyedThisCycle = async (
  deps: IngestDeps,
  source: string,
  ticketId: string
): Promise<string | undefined> => {
  const [found, reopenedAt] = await Promise.all([
    deps.surveys.listByTicket(ticketId, { source, newestFirst: true, limit: 1 }),
    deps.deliveries.reopenedAt(source, ticketId),
  ]);
  const [latest] = found;
  if (!latest) return undefined;
  if (reopenedAt !== undefined && reopenedAt >= latest.createdAt) return undefined;
  return latest.surveyId;
};

/**
 * Cancels the ticket's pending surveys, after noting the reopening; a workflow that waits
 * for a rating is told (SurveyCancelled) and ends. A task already over is fine.
 */
const cancelPendingSurveys = async (
  deps: IngestDeps,
  source: string,
  ticketId: string,
  now: Date
): Promise<string[]> => {
  const found = await deps.surveys.listByTicket(ticketId, { source });
  await deps.deliveries.markReopened(source, ticketId, now.toISOString());
  const cancelled: string[] = [];
  for (const survey of found.filter((s) => PENDING.includes(s.status))) {
    const outcome = await deps.surveys.cancel(survey.surveyId, now.toISOString());
    if (!outcome.cancelled) continue;
    cancelled.push(survey.surveyId);
    if (outcome.taskToken)
      await deps.workflow.failToken(outcome.taskToken, 'SurveyCancelled', 'ticket reopened');
  }
  return cancelled;
};
