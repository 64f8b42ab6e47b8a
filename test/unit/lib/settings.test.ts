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

  describe('oidc', () => {
    const oidcOf = (oidc: unknown) => loadSettings(from({ stage: 'dev', oidc })).oidc;
    const external = {
      issuer: 'https://login.microsoftonline.com/tenant/v2.0',
      clientId: 'otklik',
    };

    it('defaults to Cognito: no issuer, the Cognito claim names, eight-hour sessions', () => {
      expect(loadSettings(from({ stage: 'dev' })).oidc).toEqual({
        rolesClaim: 'cognito:groups',
        unitsClaim: 'custom:units',
        sessionHours: 8,
      });
    });

    it('takes an external issuer with its client id and claim names, as an object or JSON', () => {
      const configured = { ...external, rolesClaim: 'roles', unitsClaim: 'units', sessionHours: 4 };
      expect(oidcOf(configured)).toEqual(configured);
      expect(oidcOf(JSON.stringify(configured))).toEqual(configured);
    });

    it('needs the issuer and the client id together, and names the missing one', () => {
      expect(() => oidcOf({ issuer: external.issuer })).toThrow(
        /oidc\.clientId: an external issuer/
      );
      expect(() => oidcOf({ clientId: 'otklik' })).toThrow(/oidc\.issuer: a client id needs/);
    });

    it('refuses a plain-http issuer, an unknown key, and sessions beyond a day', () => {
      expect(() => oidcOf({ ...external, issuer: 'http://sso.example.com/' })).toThrow(
        /oidc\.issuer/
      );
      expect(() => oidcOf({ ...external, audience: 'otklik' })).toThrow(/oidc/);
      expect(() => oidcOf({ sessionHours: 25 })).toThrow(/oidc\.sessionHours/);
      expect(() => oidcOf({ sessionHours: 0 })).toThrow(/oidc\.sessionHours/);
    });

    it('refuses the keys it replaced, pointing to the new ones', () => {
      const attempt = () =>
        loadSettings(from({ stage: 'dev', jwtIssuer: 'https://login.example.com/' }));
      expect(attempt).toThrow(InvalidSettingsError);
      expect(attempt).toThrow(/jwtIssuer: replaced by oidc\.issuer/);
      expect(() => loadSettings(from({ stage: 'dev', jwtAudience: 'otklik-admin' }))).toThrow(
        /jwtAudience: replaced by oidc\.clientId/
      );
    });

    it('checks the Cognito domain prefix, and refuses one beside an external issuer', () => {
      expect(oidcOf({ domainPrefix: 'ssc-feedback' }).domainPrefix).toBe('ssc-feedback');
      expect(() => oidcOf({ domainPrefix: 'SSC_Feedback' })).toThrow(/oidc\.domainPrefix/);
      expect(() => oidcOf({ domainPrefix: 'my-cognito-login' })).toThrow(/reserves|refuses/);
      expect(() => oidcOf({ ...external, domainPrefix: 'ssc-feedback' })).toThrow(
        /oidc\.domainPrefix: names the Cognito sign-in domain/
      );
    });
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
