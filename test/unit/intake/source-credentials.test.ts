import { describe, expect, it } from 'vitest';
import { parseSourceCredentials } from '#shared/kernel/source-credentials-document.ts';

const naumen = { secrets: ['whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'], bearerTokens: [] };

describe('Function: parseSourceCredentials', () => {
  it('checks each source on its own: a malformed entry disables that source only', () => {
    const credentials = parseSourceCredentials({
      naumen,
      jira: { secrets: 'not-a-list' },
      zendesk: { secrets: ['short'] },
    });

    expect(credentials).toEqual({
      naumen: { status: 'enabled', credential: naumen },
      jira: {
        status: 'disabled',
        problems: expect.arrayContaining([
          'jira.secrets: Invalid input: expected array, received string',
        ]) as unknown,
      },
      zendesk: {
        status: 'disabled',
        problems: ['zendesk.secrets.0: Too small: expected string to have >=16 characters'],
      },
      // Not connected: no credentials, so its deliveries answer 401.
      servicenow: { status: 'enabled', credential: { secrets: [], bearerTokens: [] } },
    });
  });

  it('names no secret value in a problem', () => {
    const credentials = parseSourceCredentials({ naumen: { secrets: ['tooshort-secret'] } });

    expect(JSON.stringify(credentials)).not.toContain('tooshort-secret');
  });

  it('disables every source when the secret is no JSON object', () => {
    const credentials = parseSourceCredentials(['naumen']);

    expect(Object.values(credentials).map((entry) => entry.status)).toEqual([
      'disabled',
      'disabled',
      'disabled',
      'disabled',
    ]);
  });

  it('leaves keys that are no source unread', () => {
    const credentials = parseSourceCredentials({ naumen, bitrix: 42 });

    expect(credentials.naumen.status).toBe('enabled');
  });
});
