import { followUpTimers } from '#shared/settings/csi-settings.ts';
import {
  csiSettingsFromEnv,
  mailFromEnv,
  publicBaseUrlFromEnv,
  sfnClient,
  storeFromEnv,
} from '#shared/wiring.ts';
import type { CaseDeps } from './case-flow.service.ts';

/** Cold-start wiring of the case handlers. */
export const caseDepsFromEnv = (): CaseDeps & {
  maxAgeSeconds: number;
  defaultLocale: 'ru' | 'en';
} => {
  const settings = csiSettingsFromEnv();
  const timers = followUpTimers(settings);
  return {
    ...storeFromEnv(),
    sfn: sfnClient,
    mail: mailFromEnv(),
    publicBaseUrl: publicBaseUrlFromEnv(),
    maxAgeSeconds: timers.slaSeconds + timers.afterEscalationSeconds,
    defaultLocale: settings.defaultLocale,
  };
};
