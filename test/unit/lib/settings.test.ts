import { describe, expect, it } from 'vitest';
import { InvalidSettingsError, loadSettings } from '#lib/config/settings.ts';
import { functionEnvironment } from '#lib/definitions/function-environment.ts';
import { functionDefinitions } from '#lib/definitions/functions.ts';
import { constantCase, kebabCase } from '#lib/definitions/workflows.ts';

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
});

describe('Definitions: function environment', () => {
  it('gives a function exactly what its definition declares', () => {
    const probe = functionDefinitions.find((f) => f.id === 'AwaitProbeAnswer');
    const health = functionDefinitions.find((f) => f.id === 'GetHealth');
    const refs = {
      stage: 'dev',
      tableName: 'otklik-dev',
      functionArn: (id: string) => id,
      stateMachineArn: (id: string) => `arn:${id}`,
      senderAddress: 'a@example.com',
      configurationSetName: 'otklik-dev',
      publicBaseUrl: 'https://feedback.example.com',
      csiSettings: '{}',
      webhookSecretId: 'secret',
      sourceCredentialsId: 'sources',
    };
    if (!probe || !health) throw new Error('definitions missing');

    expect(functionEnvironment(probe, refs)).toEqual({
      STAGE: 'dev',
      POWERTOOLS_SERVICE_NAME: 'otklik',
      POWERTOOLS_METRICS_NAMESPACE: 'Otklik',
      TABLE_NAME: 'otklik-dev',
    });
    expect(functionEnvironment(health, refs)).toMatchObject({
      SENDER_ADDRESS: 'a@example.com',
      CONFIGURATION_SET_NAME: 'otklik-dev',
      CALLBACK_PROBE_STATE_MACHINE_ARN: 'arn:CallbackProbe',
    });
  });

  it('derives names from PascalCase ids', () => {
    expect(kebabCase('CsiSurvey')).toBe('csi-survey');
    expect(constantCase('CallbackProbe')).toBe('CALLBACK_PROBE');
  });
});
