import type { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import { AppConfigProvider } from '@aws-lambda-powertools/parameters/appconfig';
import { logger } from '../powertools.ts';
import { checkSettings, lastGoodKeeper, type SettingsSource } from './settings-source.ts';

/**
 * How long a function keeps a version before it asks AppConfig again: a change reaches
 * every warm function within this time (plus the deployment strategy's own), and a busy
 * function asks about once a minute, not once a request.
 */
export const SETTINGS_MAX_AGE_SECONDS = 60;

export interface AppConfigLocation {
  readonly application: string;
  readonly environment: string;
  readonly profile: string;
}

/**
 * The settings from an AppConfig hosted configuration, through Powertools Parameters (its
 * session tokens, its cache with a max age, its JSON transform). AppConfig's validator
 * refuses a bad version before it is deployed; a version that passes it but not the zod
 * schema (a duration or time zone the JSON Schema cannot check) is logged and the last
 * good one stays.
 */
export const appConfigSettingsSource = (
  location: AppConfigLocation,
  options: { client?: AppConfigDataClient; maxAgeSeconds?: number } = {}
): SettingsSource => {
  const provider = new AppConfigProvider({
    application: location.application,
    environment: location.environment,
    ...(options.client ? { awsSdkV3Client: options.client } : {}),
  });
  const where = `AppConfig profile ${location.profile}`;
  const keeper = lastGoodKeeper((problems) => {
    logger.error('settings version refused; the last good settings stay', {
      profile: location.profile,
      problems,
    });
  });
  return {
    current: async () => {
      let document: unknown;
      try {
        document = await provider.get(location.profile, {
          maxAge: options.maxAgeSeconds ?? SETTINGS_MAX_AGE_SECONDS,
          transform: 'json',
        });
      } catch (error) {
        // A version that is no JSON fails the transform: refused like an invalid one.
        if (error instanceof Error && error.name === 'TransformParameterError')
          return keeper.refuse(['(settings): not JSON'], where);
        throw error;
      }
      const checked = checkSettings(document);
      return checked.ok ? keeper.accept(checked.settings) : keeper.refuse(checked.problems, where);
    },
  };
};
