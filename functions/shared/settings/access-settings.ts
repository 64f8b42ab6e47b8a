import { z } from 'zod';

/**
 * Who sees what of a case, and how long the audit log keeps its records (docs/access.md).
 */
export const accessSettingsSchema = z.object({
  access: z
    .object({
      /**
       * Whether a business-unit viewer sees the requester's name, e-mail and comment on a
       * case: personal data, so off unless the installation decides otherwise.
       */
      viewersSeeRequester: z.boolean().default(false),
    })
    .prefault({}),
  audit: z
    .object({
      /** Days an audit record is kept before the table's TTL deletes it. */
      retentionDays: z.number().int().min(1).max(3650).default(400),
    })
    .prefault({}),
});
export type AccessSettings = z.infer<typeof accessSettingsSchema>;
