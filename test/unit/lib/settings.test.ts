import { describe, expect, it } from 'vitest';
import { InvalidSettingsError, loadSettings } from '#lib/config/settings.ts';

const from = (values: Record<string, unknown>) => (key: string) => values[key];

describe('Config: loadSettings', () => {
  it('fills defaults for everything but the stage', () => {
    expect(loadSettings(from({ stage: 'dev' }))).toMatchObject({
      stage: 'dev',
      logRetentionDays: 30,
      senderAddress: 'no-reply@example.com',
      apiRateLimit: 50,
    });
  });

  it('coerces numbers given as strings on the command line', () => {
    expect(loadSettings(from({ stage: 'prod', logRetentionDays: '90' })).logRetentionDays).toBe(90);
  });

  it('names every invalid key', () => {
    const attempt = () =>
      loadSettings(from({ stage: 'qa', publicBaseUrl: 'http://insecure.example.com' }));
    expect(attempt).toThrow(InvalidSettingsError);
    expect(attempt).toThrow(/stage.*publicBaseUrl|publicBaseUrl.*stage/);
  });

  it('checks the access settings at synth: a retention of no days fails, naming it', () => {
    const attempt = () =>
      loadSettings(from({ stage: 'dev', csiSettings: { audit: { retentionDays: 0 } } }));
    expect(attempt).toThrow(/csiSettings\.audit\.retentionDays/);
    const settings = loadSettings(
      from({ stage: 'dev', csiSettings: '{"access":{"viewersSeeRequester":true}}' })
    );
    expect(settings.csiSettings.access.viewersSeeRequester).toBe(true);
    expect(settings.csiSettings.audit.retentionDays).toBe(400);
  });
});
