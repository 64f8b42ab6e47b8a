import { z } from 'zod';

/**
 * `OTKLIK_FAULTS`: faults the local runtime injects in front of a part, for the reliability
 * suite and for trying the loop under a bad day (docs/local-runtime.md). Absent, nothing is
 * injected. Each rate is the share of calls that fail that way; the rates of one part add
 * up to at most 1 (a call fails one way or not at all).
 */
const rate = z.number().min(0).max(1);

const partFaultsSchema = z
  .strictObject({
    /** 429 TooManyRequestsException: SES refused the call, nothing was sent. */
    throttle: rate.default(0),
    /** 503: SES failed the call, nothing was sent. */
    '5xx': rate.default(0),
    /** The connection is destroyed before the call is forwarded: nothing was sent. */
    reset: rate.default(0),
    /**
     * A delay, drawn evenly from [min, max] ms, added to the answer of a call that was
     * forwarded: the mail is sent, but the client may give up first (an unknown outcome).
     */
    latencyMs: z
      .tuple([z.number().int().min(0), z.number().int().min(0)])
      .refine(([min, max]) => min <= max, 'min must not exceed max')
      .optional(),
    /** Share of forwarded calls that get the delay. */
    latencyRate: rate.default(1),
  })
  .refine((f) => f.throttle + f['5xx'] + f.reset <= 1, {
    error: 'throttle + 5xx + reset must not exceed 1',
  });

export const faultSettingsSchema = z.strictObject({
  /** Makes a run reproducible: the same seed draws the same faults in the same call order. */
  seed: z.number().int().optional(),
  ses: partFaultsSchema.optional(),
});

export type FaultSettings = z.infer<typeof faultSettingsSchema>;
export type PartFaults = z.infer<typeof partFaultsSchema>;

/** The variable's JSON, parsed and checked: a zod schema to put into the settings schema. */
export const faultsVariableSchema = z
  .string()
  .transform((text, ctx): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not JSON' });
      return z.NEVER;
    }
  })
  .pipe(faultSettingsSchema);
