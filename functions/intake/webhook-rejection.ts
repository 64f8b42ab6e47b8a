import type { z } from 'zod';
import { describeIssues } from '#shared/kernel/zod-issues.ts';

/**
 * A webhook delivery refused for the sender's own reason (413, 401, 415, 400): answered
 * with its status and body, never as a 5xx, and before anything is written. Thrown by the
 * pipeline's steps and the routes' checks, answered in one place (webhook-pipeline.ts).
 */
export class WebhookRejectedError extends Error {
  override name = 'WebhookRejectedError';
  readonly body: Readonly<Record<string, unknown>>;

  constructor(
    readonly statusCode: number,
    message: string,
    details: Readonly<Record<string, unknown>> = {}
  ) {
    super(message);
    this.body = { message, ...details };
  }
}

/**
 * The value parsed with a schema, or a 400 with `message` and the issues named
 * (`{ path, message }`, or as `describe` tells them).
 */
export const parsedOrRejected = <T>(
  schema: z.ZodType<T>,
  value: unknown,
  message: string,
  describe: (error: z.ZodError) => readonly unknown[] = describeIssues
): T => {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new WebhookRejectedError(400, message, { errors: describe(parsed.error) });
  return parsed.data;
};
