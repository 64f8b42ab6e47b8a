import { followUpTimers } from '#shared/settings/csi-settings.ts';
import { csiSettingsFromEnv } from '#shared/settings/settings-from-env.ts';
import { mailFromEnv, publicBaseUrlFromEnv } from '#shared/mail/mail-from-env.ts';
import { sfnClient } from '#shared/workflow/sfn-client.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
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
