import type { DataStores } from '#shared/data/data-stores.ts';
import { storeFromEnv } from '#shared/data/store-from-env.ts';
import { caseMaxAgeSeconds } from '#shared/kernel/follow-up-rules.ts';
import { mailFromEnv, publicBaseUrlFromEnv } from '#shared/mail/mail-from-env.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';
import type { CaseMailDeps } from './case-link.ts';

/**
 * Cold-start wiring of the handlers that mail a case link (notify, escalate, assign); the
 * case's events too, which an assignment records. The case's maximum age and the mail's
 * settings are read from the settings in force at each invocation.
 */
export const caseMailDepsFromEnv = (): (() => Promise<
  CaseMailDeps & Pick<DataStores, 'caseEvents'>
>) => {
  const wiring = { ...storeFromEnv(), mail: mailFromEnv(), publicBaseUrl: publicBaseUrlFromEnv() };
  const settings = settingsFromEnv();
  return async () => {
    const current = await settings.current();
    return { ...wiring, maxAgeSeconds: caseMaxAgeSeconds(current), settings: current };
  };
};
