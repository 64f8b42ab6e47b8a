import { z } from 'zod';
import { issueLines } from './kernel/zod-issues.ts';

/** A required setting is missing or malformed; thrown at cold start, before any request. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/**
 * Validates environment variables against a schema. Call it at module scope so a bad
 * deployment fails on the first cold start with the names of every wrong variable.
 * @param schema zod object describing the variables
 * @param source the environment, process.env by default
 */
export const readEnv = <S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined> = process.env
): z.infer<S> => {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = issueLines(parsed.error, '');
    throw new ConfigurationError(`invalid environment: ${problems.join('; ')}`);
  }
  return parsed.data;
};

/** Variables every function has (set by lib/definitions/function-environment.ts). */
export const baseEnvSchema = z.object({
  STAGE: z.string().min(1),
});

export const tableEnvSchema = z.object({ TABLE_NAME: z.string().min(1) });

export const emailEnvSchema = z.object({
  SENDER_ADDRESS: z.email(),
  CONFIGURATION_SET_NAME: z.string().min(1),
});

/** `<ID>_STATE_MACHINE_ARN` variables, for the workflows a function declared. */
export const stateMachineArnsFrom = (
  source: Record<string, string | undefined>
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(source).flatMap(([key, value]) => {
      const match = /^(.+)_STATE_MACHINE_ARN$/.exec(key);
      return match?.[1] && value ? [[match[1], value]] : [];
    })
  );
