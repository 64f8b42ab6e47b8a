import { z } from 'zod';
import { readEnv } from '../env.ts';
import { parseCsiSettings } from './csi-settings.ts';

/** The installation's settings (CSI_SETTINGS), parsed at cold start; the defaults when unset. */
export const csiSettingsFromEnv = () =>
  parseCsiSettings(readEnv(z.object({ CSI_SETTINGS: z.string().optional() })).CSI_SETTINGS);
