import { z } from 'zod';
import { durationSeconds } from '../kernel/duration.ts';
import { SOURCES } from '../kernel/sources.ts';
import { durationSetting } from './duration-setting.ts';

const contact = z.object({ email: z.email(), name: z.string().min(1).max(200) });

/** A link back to a ticket: an http(s) URL with `{ticketId}` where the ticket's id goes. */
const ticketUrlTemplate = z
  .string()
  .regex(/^https?:\/\/[^\s]+$/, 'an http(s) URL')
  .refine((url) => url.includes('{ticketId}'), 'a URL with {ticketId} in it');

/** Which ratings open a case, how long its owner has, who owns it by business unit and service. */
export const followUpSettingsSchema = z.object({
  /** Scores below this open a follow-up case. */
  followUpThreshold: z.number().int().min(1).max(6).default(5),
  followUp: z
    .object({
      /** Time the owner has to resolve a case before it is escalated and marked overdue. */
      sla: durationSetting.default('P2D'),
      /** Age at which an unresolved case stops waiting (it stays overdue). */
      maxAge: durationSetting.default('P30D'),
      defaultOwner: contact.default({ email: 'quality@example.com', name: 'Quality team' }),
      defaultEscalation: contact.default({
        email: 'quality-lead@example.com',
        name: 'Head of quality',
      }),
      routes: z
        .array(
          z.object({
            businessUnit: z.string().optional(),
            service: z.string().optional(),
            owner: contact,
            escalation: contact.optional(),
          })
        )
        .default([]),
      /**
       * Per ticket system, the URL of a ticket, e.g. `https://sd.example.ru/sd/operator/#uuid:{ticketId}`:
       * the case page links its ticket number there; no link for a source without one.
       */
      ticketLinks: z.partialRecord(z.enum(SOURCES), ticketUrlTemplate).default({}),
    })
    .prefault({}),
});
export type FollowUpSettings = z.infer<typeof followUpSettingsSchema>;

/** The timers a follow-up execution runs on, in seconds: the SLA, then the wait after it. */
export const followUpTimers = (settings: Pick<FollowUpSettings, 'followUp'>) => {
  const sla = Math.max(1, durationSeconds(settings.followUp.sla));
  return {
    slaSeconds: sla,
    afterEscalationSeconds: Math.max(1, durationSeconds(settings.followUp.maxAge) - sla),
  };
};

type UnitRef = { id?: string | undefined; name: string } | undefined;

/** A case's business unit for routing: the registered id (or `unassigned`) and the raw value. */
export interface RoutedUnit {
  readonly unitId: string | undefined;
  readonly raw: UnitRef;
}

/**
 * The first route for a case's business unit and service. A route's `businessUnit` names a
 * registered unit's id; the raw id or name the ticket system sent still matches too, so a
 * route written before the registry (or for a value not mapped yet) keeps working.
 */
export const matchRoute = (
  settings: Pick<FollowUpSettings, 'followUp'>,
  unit: RoutedUnit,
  service: UnitRef
) => {
  const matchesUnit = (rule: string | undefined) =>
    rule === undefined ||
    rule === unit.unitId ||
    (unit.raw !== undefined && (unit.raw.id === rule || unit.raw.name === rule));
  const matchesService = (rule: string | undefined) =>
    rule === undefined || (service !== undefined && (service.id === rule || service.name === rule));
  return settings.followUp.routes.find(
    (r) => matchesUnit(r.businessUnit) && matchesService(r.service)
  );
};

/**
 * The owner and escalation contact for a case (first matching route wins); with no route,
 * the unit's quality owner, then the default owner.
 */
export const routeFollowUp = (
  settings: Pick<FollowUpSettings, 'followUp'>,
  unit: RoutedUnit,
  service: UnitRef,
  qualityOwner?: { readonly email: string; readonly name: string }
) => {
  const route = matchRoute(settings, unit, service);
  return {
    owner: route?.owner ?? qualityOwner ?? settings.followUp.defaultOwner,
    escalation: route?.escalation ?? settings.followUp.defaultEscalation,
  };
};
