import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logger } from '#shared/powertools.ts';
import { appConfigSettingsSource } from '#shared/settings/appconfig-settings-source.ts';
import { fileSettingsSource } from '#shared/settings/file-settings-source.ts';
import { SettingsUnavailableError } from '#shared/settings/settings-source.ts';
import { settingsFromEnv } from '#shared/settings/settings-from-env.ts';

const appConfig = mockClient(AppConfigDataClient);
const location = { application: 'app-id', environment: 'env-id', profile: 'profile-id' };
/** A GetLatestConfiguration answer: the SDK's blob is bytes that also convert to text. */
const version = (document: unknown) => {
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  return {
    Configuration: Object.assign(new TextEncoder().encode(text), {
      transformToString: () => text,
    }),
    NextPollConfigurationToken: 'next-token',
  };
};

afterEach(() => {
  appConfig.reset();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Adapter: appConfigSettingsSource', () => {
  beforeEach(() => {
    appConfig.on(StartConfigurationSessionCommand).resolves({
      InitialConfigurationToken: 'first-token',
    });
  });

  it('reads the profile of the environment and validates it with the settings schema', async () => {
    appConfig.on(GetLatestConfigurationCommand).resolves(version({ sendDelay: 'PT1M' }));
    const source = appConfigSettingsSource(location, { client: new AppConfigDataClient({}) });

    const settings = await source.current();

    expect(settings.sendDelay).toBe('PT1M');
    // The defaults of what the version leaves out, from the same schema.
    expect(settings.followUp.sla).toBe('P2D');
    expect(appConfig).toReceiveCommandWith(StartConfigurationSessionCommand, {
      ApplicationIdentifier: 'app-id',
      EnvironmentIdentifier: 'env-id',
      ConfigurationProfileIdentifier: 'profile-id',
    });
  });

  it('asks AppConfig again only once the max age has passed, and then sees the new version', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z'), toFake: ['Date'] });
    appConfig
      .on(GetLatestConfigurationCommand)
      .resolvesOnce(version({ sendDelay: 'PT1M' }))
      .resolves(version({ sendDelay: 'PT2M' }));
    const source = appConfigSettingsSource(location, {
      client: new AppConfigDataClient({}),
      maxAgeSeconds: 60,
    });

    const first = await source.current();
    vi.setSystemTime(new Date('2026-12-01T10:00:59Z'));
    const cached = await source.current();
    vi.setSystemTime(new Date('2026-12-01T10:01:01Z'));
    const later = await source.current();

    expect([first.sendDelay, cached.sendDelay, later.sendDelay]).toEqual(['PT1M', 'PT1M', 'PT2M']);
    expect(appConfig).toReceiveCommandTimes(GetLatestConfigurationCommand, 2);
  });

  it('refuses a version the schema rejects: logs why once and keeps the last good one', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z'), toFake: ['Date'] });
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    appConfig
      .on(GetLatestConfigurationCommand)
      .resolvesOnce(version({ sendDelay: 'PT1M' }))
      .resolves(version({ sendDelay: 'one minute' }));
    const source = appConfigSettingsSource(location, {
      client: new AppConfigDataClient({}),
      maxAgeSeconds: 1,
    });

    await source.current();
    vi.setSystemTime(new Date('2026-12-01T10:00:02Z'));
    const refused = await source.current();
    vi.setSystemTime(new Date('2026-12-01T10:00:04Z'));
    await source.current();

    expect(refused.sendDelay).toBe('PT1M');
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged).toHaveBeenCalledWith('settings version refused; the last good settings stay', {
      profile: 'profile-id',
      problems: ['sendDelay: an ISO-8601 duration such as PT10M or P3D'],
    });
  });

  it('fails the read when the first version it sees is no JSON: there is nothing good to keep', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    appConfig.on(GetLatestConfigurationCommand).resolves(version('{ sendDelay:'));
    const source = appConfigSettingsSource(location, { client: new AppConfigDataClient({}) });

    await expect(source.current()).rejects.toThrow(SettingsUnavailableError);
  });
});

describe('Adapter: fileSettingsSource', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'otklik-settings-test-'));
    file = join(dir, 'settings.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes the file and moves its time on, so the edit shows on any file system's clock. */
  const edit = async (document: string, at: number) => {
    await writeFile(file, document);
    await utimes(file, at, at);
  };

  it('takes an edit at the next read, without a restart', async () => {
    await edit(JSON.stringify({ sendDelay: 'PT5S' }), 1_000);
    const source = fileSettingsSource(file);

    const before = await source.current();
    await edit(JSON.stringify({ sendDelay: 'PT7S' }), 2_000);
    const after = await source.current();

    expect([before.sendDelay, after.sendDelay]).toEqual(['PT5S', 'PT7S']);
  });

  it('gives every call that comes while an edit is read the edited settings, not the old ones', async () => {
    await edit(JSON.stringify({ sendDelay: 'PT5S' }), 1_000);
    const source = fileSettingsSource(file);
    await source.current();

    await edit(JSON.stringify({ sendDelay: 'PT7S' }), 2_000);
    const together = await Promise.all([source.current(), source.current(), source.current()]);

    expect(together.map((s) => s.sendDelay)).toEqual(['PT7S', 'PT7S', 'PT7S']);
  });

  it('refuses a bad edit with a log line naming the file and the problem; the last good settings stay', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    await edit(JSON.stringify({ followUpThreshold: 4 }), 1_000);
    const source = fileSettingsSource(file);
    await source.current();

    await edit(JSON.stringify({ followUpThreshold: 9 }), 2_000);
    const kept = await source.current();
    await edit('{ "followUpThreshold": ', 3_000);
    const stillKept = await source.current();

    expect([kept.followUpThreshold, stillKept.followUpThreshold]).toEqual([4, 4]);
    expect(logged).toHaveBeenNthCalledWith(
      1,
      `settings file ${file} refused; the last good settings stay`,
      { problems: ['followUpThreshold: Too big: expected number to be <=6'] }
    );
    expect(logged).toHaveBeenCalledTimes(2);
  });

  it('fails the read when the file was never good', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const source = fileSettingsSource(join(dir, 'missing.json'));

    await expect(source.current()).rejects.toThrow(SettingsUnavailableError);
  });
});

describe('Function: settingsFromEnv', () => {
  it('refuses a SETTINGS_SOURCE that names neither AppConfig nor a file', () => {
    vi.stubEnv('SETTINGS_SOURCE', 's3://bucket/settings.json');

    expect(() => settingsFromEnv()).toThrow(/SETTINGS_SOURCE/);
  });
});
