import { createHash } from 'node:crypto';
import type { DataStores } from '#shared/data/data-stores.ts';
import { aggregateDimension } from '#shared/data/keys.ts';
import { surveySchema, type Survey } from '#shared/data/survey.ts';
import { languageOf } from '#shared/kernel/language.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import type { ScheduledStartPort } from '#shared/workflow/scheduled-start-port.ts';
import type { WorkflowPort } from '#shared/workflow/workflow-port.ts';
import { toUtc, type CanonicalEvent } from './canonical-event.schema.ts';
import { cancelPendingSurveys } from './reopen-ticket.ts';
import { sendAtFor, startSurvey } from './survey-start.ts';
import { attributionOf, type ResolveUnit, type UnitResolution } from './unit-resolution.ts';

export interface IngestDeps extends Pick<
  DataStores,
  'surveys' | 'deliveries' | 'unassignedValues'
> {
  /** The registry's aliases, cached per warm function (unit-resolution.ts). */
  readonly resolveUnit: ResolveUnit;
  readonly workflow: Pick<WorkflowPort, 'startNamed' | 'releaseToken'>;
  readonly scheduler: Pick<ScheduledStartPort, 'scheduleStart' | 'cancelStart'>;
  readonly csiStateMachineArn: string;
  readonly settings: CsiSettings;
  readonly now: () => Date;
}

export type IngestOutcome =
  | { readonly kind: 'scheduled'; readonly surveyId: string }
  | { readonly kind: 'duplicate'; readonly surveyId?: string }
  | { readonly kind: 'cancelled'; readonly surveyIds: readonly string[] }
  | { readonly kind: 'ignored'; readonly reason: string };

/** One survey per resolution: the same ticket and resolution time always give the same id. */
export const surveyIdFor = (source: string, ticketId: string, resolvedAt: string): string =>
  createHash('sha256')
    .update(`${source}|${ticketId}|${toUtc(resolvedAt)}`)
    .digest('hex')
    .slice(0, 32);

/**
 * Takes one verified ticket event.
 * 1. A repeated delivery answers "duplicate" and changes nothing: the same delivery id, or
 *    the same signed content (`signedHash`) under another id, a replay (issue 9, defect 5).
 * 2. Resolved or closed: the delivery is recorded first, with the survey it is about, then
 *    the survey, once per resolution, with `sendAt` = the send delay after the delivery; its
 *    workflow starts then, by a one-time schedule or at once when due (survey-start.ts),
 *    also for a repeat, so a start lost to a crash is made good by the sender's retry. Two
 *    single conditional puts instead of one transaction (4 WRU instead of 8, issue 8): a
 *    delivery seen before for the same survey is a retry and goes on (a first try that
 *    stopped between the two writes loses no survey); seen for anything else, a duplicate.
 *    The survey's business unit is the registered unit an alias names (docs/business-units.md),
 *    else `unassigned`, recorded under its raw value before the survey is written, so
 *    mapping the value later moves exactly that survey (one read per ticket; two small
 *    writes more only for a value no alias knows).
 * 3. Reopened: every survey of the ticket still pending is cancelled (reopen-ticket.ts);
 *    a reopening older than the latest resolution is ignored.
 */
export const ingestTicketEvent = async (
  deps: IngestDeps,
  source: string,
  deliveryId: string,
  event: CanonicalEvent,
  signedHash?: string
): Promise<IngestOutcome> => {
  const now = deps.now();
  const delivery = { source, deliveryId, at: now };
  if (event.eventType === 'ticket.reopened') {
    if ((await deps.deliveries.record(delivery, signedHash)) !== 'new')
      return { kind: 'duplicate' };
    return cancelPendingSurveys(deps, source, event, now);
  }
  // The schema guarantees resolvedAt for resolved and closed events.
  const resolvedAt = toUtc(event.resolvedAt ?? now.toISOString());
  if (event.eventType === 'ticket.closed') {
    // Closing a resolution already surveyed in this cycle (Naumen resolved → closed, whose
    // close carries its own time) is the same resolution: no second survey. A delivery
    // seen before is fine (its event was a repeat anyway).
    const surveyed = await surveyedThisCycle(deps, source, event.ticketId);
    if (surveyed) {
      await deps.deliveries.record(delivery, signedHash);
      return { kind: 'duplicate', surveyId: surveyed };
    }
  }
  const surveyId = surveyIdFor(source, event.ticketId, resolvedAt);
  // Only the delivery known (a reused id, a replay of another event): nothing to do.
  if ((await deps.deliveries.record(delivery, signedHash, surveyId)) === 'duplicate')
    return { kind: 'duplicate', surveyId };
  const unit = await deps.resolveUnit(source, event.businessUnit);
  const survey = buildSurvey(deps.settings, source, surveyId, event, unit, resolvedAt, now);
  if (unit.kind === 'unassigned')
    await deps.unassignedValues.record({ ...unit, surveyId, at: now.toISOString() });
  // The survey exists (a repeat, or a retry after a crash before the start): make sure its
  // workflow starts.
  const created = await deps.surveys.create(survey);
  await startSurvey(deps, survey, now);
  return created ? { kind: 'scheduled', surveyId } : { kind: 'duplicate', surveyId };
};

const buildSurvey = (
  settings: CsiSettings,
  source: string,
  surveyId: string,
  event: CanonicalEvent,
  unit: UnitResolution,
  resolvedAt: string,
  now: Date
): Survey => {
  const { businessUnit, unitPart } = attributionOf(unit);
  return surveySchema.parse({
    surveyId,
    source,
    ticketId: event.ticketId,
    ticketNumber: event.ticketNumber ?? event.ticketId,
    title: event.title,
    requesterEmail: event.requester.email,
    requesterName: event.requester.name,
    locale: languageOf(event.requester.locale, settings.defaultLocale),
    businessUnit,
    businessUnitRaw: event.businessUnit,
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
    sendAt: sendAtFor(settings, resolvedAt, now),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    aggregateDay: resolvedAt.slice(0, 10),
    aggregateDimension: aggregateDimension(unitPart, event.service),
  });
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
