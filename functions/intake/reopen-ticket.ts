import { PENDING, UNSENT, type Survey } from '#shared/data/survey.ts';
import { logger } from '#shared/powertools.ts';
import { toUtc, type CanonicalEvent } from './canonical-event.schema.ts';
import type { IngestDeps, IngestOutcome } from './ingest-ticket-event.service.ts';
import { surveyScheduleName } from './survey-start.ts';

/** The ticket's latest resolution among its surveys, if any. */
const latestResolution = (surveys: readonly Survey[]): Survey | undefined =>
  surveys.reduce<Survey | undefined>(
    (latest, s) => (latest === undefined || s.resolvedAt > latest.resolvedAt ? s : latest),
    undefined
  );

/**
 * A reopening: the ticket's pending surveys are cancelled, after noting the reopening (a
 * later close is then a new resolution). A workflow waiting for a rating is released
 * with `{ outcome: 'cancelled' }` and ends there, in the state that waited (a failure would
 * end it in MarkSurveyFailed and count as a failed execution); a survey not mailed yet loses its schedule too (best effort:
 * an execution that still starts reads `cancelled` and ends in one transition).
 * A reopening whose own time (`occurredAt`) is older than the ticket's latest resolution
 * belongs to an earlier cycle, a replay or a late retry: it is ignored, so it cannot
 * cancel the survey of a later resolution (issue 9, defect 5).
 */
export const cancelPendingSurveys = async (
  deps: IngestDeps,
  source: string,
  event: CanonicalEvent,
  now: Date
): Promise<IngestOutcome> => {
  const found = await deps.surveys.listByTicket(event.ticketId, { source });
  const latest = latestResolution(found);
  const occurredAt = event.occurredAt === undefined ? undefined : toUtc(event.occurredAt);
  if (occurredAt !== undefined && latest !== undefined && occurredAt < latest.resolvedAt) {
    const reason = 'reopening older than the latest resolution';
    // Ids and times only: never the requester's address.
    logger.warn('reopen ignored', {
      reason,
      source,
      surveyId: latest.surveyId,
      occurredAt,
      resolvedAt: latest.resolvedAt,
    });
    return { kind: 'ignored', reason };
  }
  await deps.deliveries.markReopened(source, event.ticketId, now.toISOString());
  const cancelled: string[] = [];
  for (const survey of found.filter((s) => PENDING.includes(s.status))) {
    const outcome = await deps.surveys.cancel(survey.surveyId, now.toISOString());
    if (!outcome.cancelled) continue;
    cancelled.push(survey.surveyId);
    if (UNSENT.includes(survey.status)) await unschedule(deps, survey.surveyId);
    if (outcome.taskToken)
      await deps.workflow.releaseToken(outcome.taskToken, { outcome: 'cancelled' });
  }
  return { kind: 'cancelled', surveyIds: cancelled };
};

/** Deletes a survey's schedule; a failure only costs one short execution, so it is logged. */
const unschedule = async (deps: IngestDeps, surveyId: string): Promise<void> => {
  try {
    await deps.scheduler.cancelStart(surveyScheduleName(surveyId));
  } catch (error) {
    logger.warn('schedule not deleted', { surveyId, error });
  }
};
