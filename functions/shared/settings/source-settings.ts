import { z } from 'zod';
import { SOURCES } from '../kernel/sources.ts';

export const isTimeZone = (zone: string): boolean => {
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

export const sourceSettingsSchema = z.object({
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
});
export type SourceSettings = z.infer<typeof sourceSettingsSchema>;
