import type { DataStores } from '#shared/data/data-stores.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { caseMaxAgeSeconds } from '#shared/kernel/follow-up-rules.ts';
import { mailFromEnv, publicBaseUrlFromEnv } from '#shared/mail/mail-from-env.ts';
import { csiSettingsFromEnv } from '#shared/settings/settings-from-env.ts';
import type { CaseMailDeps } from './case-link.ts';

/**
 * Cold-start wiring of the handlers that mail a case link (notify, escalate, assign); the
 * case's events too, which an assignment records.
 */
export const caseMailDepsFromEnv = (): CaseMailDeps & Pick<DataStores, 'caseEvents'> => {
  const settings = csiSettingsFromEnv();
  return {
    ...storeFromEnv(),
    mail: mailFromEnv(),
    publicBaseUrl: publicBaseUrlFromEnv(),
    maxAgeSeconds: caseMaxAgeSeconds(settings),
    settings,
  };
};
