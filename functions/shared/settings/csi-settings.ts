import { z } from 'zod';
import { durationSeconds, isDuration } from '../kernel/duration.ts';
import { SOURCES } from '../kernel/sources.ts';

/**
 * The CSI loop's settings, one JSON document in the CSI_SETTINGS variable (CDK context
 * `csiSettings`, locally OTKLIK_CSI_SETTINGS). Durations are ISO-8601; the intake turns them
 * into seconds in each execution's input, so a change applies to the next survey without
 * touching the state machine. Defaults follow the SSC: every resolved ticket is surveyed.
 */
const duration = z.string().refine(isDuration, 'an ISO-8601 duration such as PT10M or P3D');

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The canonical fields a source's field map may override (functions/intake/sources). */
export const MAPPED_FIELDS = [
  'ticketId',
  'ticketNumber',
  'title',
  'requester.email',
  'requester.name',
  'requester.locale',
  'businessUnit.id',
  'businessUnit.name',
  'service.id',
  'service.name',
  'category.id',
  'category.name',
  'team.id',
  'team.name',
  'agent.id',
  'agent.name',
  'agent.email',
  'openedAt',
  'resolvedAt',
  'slaDueAt',
  'slaBreached',
  'slaTimerStatus',
  'reopenCount',
  'resolutionCode',
] as const;
const contact = z.object({ email: z.email(), name: z.string().min(1).max(200) });

export const csiSettingsSchema = z.object({
  /** Time between the resolution and the mail; the ticket must still be resolved after it. */
  sendDelay: duration.default('PT10M'),
  /** Time after the mail before the one reminder. */
  reminderAfter: duration.default('P3D'),
  /** Time after the reminder before the survey expires; ratings (and changes) are taken until then. */
  expireAfterReminder: duration.default('P4D'),
  /** Scores below this open a follow-up case. */
  followUpThreshold: z.number().int().min(1).max(6).default(5),
  /** Share of eligible tickets surveyed, 0–1. */
  samplingRate: z.number().min(0).max(1).default(1),
  /** Minimum time between two surveys to one person; PT0S for none. */
  coolDown: duration.default('PT0S'),
  excludedServices: z.array(z.string()).default([]),
  excludedCategories: z.array(z.string()).default([]),
  defaultLocale: z.enum(['ru', 'en']).default('ru'),
  /** Resolution codes (case-insensitive) after which nobody is surveyed: cancelled, duplicate, rejected… */
  suppressedResolutions: z
    .array(z.string())
    .default([
      'cancelled',
      'canceled',
      'duplicate',
      'rejected',
      'declined',
      "won't do",
      'отменено',
      'отменена',
      'отклонено',
      'отклонена',
      'дубликат',
    ]),
  /**
   * Per ticket system: the time zone of its zone-less times, and field-path overrides of its
   * mapping (functions/intake/sources/*-adapter.ts), e.g. a Jira site's custom field ids.
   */
  sources: z
    .partialRecord(
      z.enum(SOURCES),
      z.object({
        timeZone: z
          .string()
          .refine(isTimeZone, 'an IANA time zone such as Europe/Moscow')
          .optional(),
        fields: z.partialRecord(z.enum(MAPPED_FIELDS), z.array(z.string()).min(1)).default({}),
      })
    )
    .default({}),
  followUp: z
    .object({
      /** Time the owner has to resolve a case before it is escalated and marked overdue. */
      sla: duration.default('P2D'),
      /** Age at which an unresolved case stops waiting (it stays overdue). */
      maxAge: duration.default('P30D'),
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
    })
    .prefault({}),
});
export type CsiSettings = z.infer<typeof csiSettingsSchema>;

export const parseCsiSettings = (json: string | undefined): CsiSettings =>
  csiSettingsSchema.parse(json ? (JSON.parse(json) as unknown) : {});

/** The timers a CSI execution runs on, in seconds (Step Functions takes integers). */
export const csiTimers = (settings: CsiSettings) => ({
  sendDelaySeconds: durationSeconds(settings.sendDelay),
  // Callback timeouts must be at least 1 s.
  reminderAfterSeconds: Math.max(1, durationSeconds(settings.reminderAfter)),
  expireAfterReminderSeconds: Math.max(1, durationSeconds(settings.expireAfterReminder)),
  followUpThreshold: settings.followUpThreshold,
});

export const followUpTimers = (settings: CsiSettings) => {
  const sla = Math.max(1, durationSeconds(settings.followUp.sla));
  return {
    slaSeconds: sla,
    afterEscalationSeconds: Math.max(1, durationSeconds(settings.followUp.maxAge) - sla),
  };
};

/** The owner and escalation contact for a case, by business unit and service (first match wins). */
export const routeFollowUp = (
  settings: CsiSettings,
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
