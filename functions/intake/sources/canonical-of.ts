import { describeIssues } from '#shared/kernel/zod-issues.ts';
import type { CsiSettings } from '#shared/settings/csi-settings.ts';
import { canonicalEventSchema, type CanonicalEvent } from '../canonical-event.schema.ts';
import { parsedOrRejected, WebhookRejectedError } from '../webhook-rejection.ts';
import { fieldsFor, type FieldMap, type SourceAdapter } from './source-adapter.ts';
import { InvalidSourceTimeError } from './source-time.ts';

/** An installation's settings of one source: its field overrides and its time zone. */
type SourceSettings = CsiSettings['sources'][SourceAdapter['source']];

export type CanonicalResult =
  | { readonly kind: 'event'; readonly event: CanonicalEvent }
  | { readonly kind: 'ignored'; readonly reason: string };

/**
 * A checked native payload as the canonical event, through the adapter's field map and the
 * installation's overrides, or why it is no event for a survey (answered 200 `ignored`).
 * A time that cannot be read, or a canonical field missing or wrong, is the sender's
 * mistake: a 400 naming, for each field, the native paths it is read from.
 */
export const canonicalOf = (
  adapter: SourceAdapter,
  settings: SourceSettings,
  native: unknown
): CanonicalResult => {
  const fields = fieldsFor(adapter, settings?.fields);
  const mapped = mappedOrRejected(() =>
    adapter.toCanonical(native, {
      fields,
      timeZone: settings?.timeZone ?? adapter.defaultTimeZone,
    })
  );
  if (mapped.kind === 'ignored') return mapped;
  const event = parsedOrRejected(
    canonicalEventSchema,
    mapped.event,
    `the ${adapter.source} payload lacks what a survey needs`,
    (error) => describeIssues(error).map((issue) => withNativePaths(issue, fields))
  );
  return { kind: 'event', event };
};

const mappedOrRejected = <T>(map: () => T): T => {
  try {
    return map();
  } catch (error) {
    if (error instanceof InvalidSourceTimeError) throw new WebhookRejectedError(400, error.message);
    throw error;
  }
};

/** Names the native fields a missing or wrong value is read from. */
const withNativePaths = (issue: { path: string; message: string }, fields: FieldMap) => ({
  ...issue,
  from: fields[issue.path] ?? [],
});
