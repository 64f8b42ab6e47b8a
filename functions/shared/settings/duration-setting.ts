import { z } from 'zod';
import { isDuration } from '../kernel/duration.ts';

/**
 * A duration setting, ISO-8601. The intake turns it into seconds in each execution's input,
 * so a change applies to the next survey without touching the state machine.
 */
export const durationSetting = z
  .string()
  .refine(isDuration, 'an ISO-8601 duration such as PT10M or P3D');
