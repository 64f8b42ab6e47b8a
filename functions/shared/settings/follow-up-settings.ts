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

/** The owner and escalation contact for a case, by business unit and service (first match wins). */
export const routeFollowUp = (
  settings: Pick<FollowUpSettings, 'followUp'>,
  businessUnit: { id?: string | undefined; name: string } | undefined,
  service: { id?: string | undefined; name: string } | undefined
) => {
  const matches = (
    rule: string | undefined,
    ref: { id?: string | undefined; name: string } | undefined
  ) => rule === undefined || (ref !== undefined && (ref.id === rule || ref.name === rule));
  const route = settings.followUp.routes.find(
    (r) => matches(r.businessUnit, businessUnit) && matches(r.service, service)
  );
  return {
    owner: route?.owner ?? settings.followUp.defaultOwner,
    escalation: route?.escalation ?? settings.followUp.defaultEscalation,
  };
};
