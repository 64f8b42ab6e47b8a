import { z } from 'zod';
import { issueLines } from '#shared/kernel/zod-issues.ts';
import { csiSettingsSchema } from '#shared/settings/csi-settings.ts';
import { oidcSettingsSchema } from './oidc-settings.ts';

/**
 * Deployment settings, read from CDK context (`-c key=value` or cdk.json) and validated at
 * synth so a typo fails the synth instead of a deploy.
 */
export const stageSchema = z.enum(['dev', 'staging', 'prod']);
export type Stage = z.infer<typeof stageSchema>;

export const settingsSchema = z.object({
  stage: stageSchema,
  /** Days CloudWatch keeps function and workflow logs. */
  logRetentionDays: z.coerce.number().int().positive().default(30),
  /** Public https origin of the API, used in email links; the API's own URL when absent. */
  publicBaseUrl: z.url({ protocol: /^https$/ }).optional(),
  /** Verified SES sender address of survey mail. */
  senderAddress: z.email().default('no-reply@example.com'),
  /** Who signs people and machine clients in (oidc-settings.ts): Cognito, or an external issuer. */
  oidc: z
    .preprocess((v) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v), oidcSettingsSchema)
    .prefault({}),
  /** Requests per second the HTTP API accepts before it throttles. */
  apiRateLimit: z.coerce.number().int().positive().default(50),
  apiBurstLimit: z.coerce.number().int().positive().default(100),
  /** The CSI loop's settings (functions/shared/settings/csi-settings.ts), as an object or a JSON string. */
  csiSettings: z
    .preprocess((v) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v), csiSettingsSchema)
    .prefault({}),
});
export type Settings = z.infer<typeof settingsSchema>;

export class InvalidSettingsError extends Error {
  override name = 'InvalidSettingsError';
}

/**
 * Validates the raw context values.
 * @param read returns the context value for a key, or undefined
 */
export const loadSettings = (read: (key: string) => unknown): Settings => {
  const keys = Object.keys(settingsSchema.shape);
  const raw = Object.fromEntries(keys.map((key) => [key, read(key)]));
  const parsed = settingsSchema.safeParse(raw);
  const replaced = Object.entries(REPLACED_KEYS)
    .filter(([key]) => read(key) !== undefined)
    .map(([key, by]) => `${key}: replaced by ${by} (docs/sign-in-aws.md)`);
  if (!parsed.success || replaced.length > 0) {
    const problems = [...replaced, ...(parsed.success ? [] : issueLines(parsed.error, ''))];
    throw new InvalidSettingsError(`invalid CDK context: ${problems.join('; ')}`);
  }
  return parsed.data;
};

/**
 * Keys of earlier versions, refused rather than ignored: a deployment that still names its
 * issuer the old way would otherwise get a Cognito pool instead, and sign nobody in.
 */
const REPLACED_KEYS: Readonly<Record<string, string>> = {
  jwtIssuer: 'oidc.issuer',
  jwtAudience: 'oidc.clientId',
};
