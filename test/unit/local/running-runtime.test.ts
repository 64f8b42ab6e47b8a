import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localEnvSchema, readRunningRuntime, recordRunningRuntime } from '#local/config.ts';

/**
 * What `npm run webhook` and `npm run trigger` learn of the running runtime: its API URL
 * as `npm start` recorded it and the credentials of its data folder, read and never made
 * up (a script that wrote new credentials would sign with a secret the runtime refuses).
 */
const dataDir = () => mkdtempSync(join(tmpdir(), 'otklik-running-'));
const envOf = (dir: string, extra: Record<string, string> = {}) =>
  localEnvSchema.parse({ OTKLIK_DATA_DIR: dir, ...extra });
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const storedCredentials = (dir: string) => {
  writeFileSync(
    join(dir, 'credentials.json'),
    JSON.stringify({
      webhookSecret: SECRET,
      adminToken: 'stored-admin-token-0123456789',
      sources: {
        naumen: 'whsec_n',
        servicenow: 'whsec_s',
        jira: 'jira-secret',
        zendesk: 'zendesk-secret',
        bearerToken: 'bearer-token',
      },
    })
  );
};

describe('Local: readRunningRuntime', () => {
  it('reads the API URL npm start recorded and the credentials of its data folder', async () => {
    // Prepare
    const dir = dataDir();
    storedCredentials(dir);
    await recordRunningRuntime(envOf(dir), 'http://127.0.0.1:41234/');

    // Act
    const running = await readRunningRuntime(envOf(dir), false);

    // Assess
    expect(running.apiUrl).toBe('http://127.0.0.1:41234');
    expect(running.credentials?.webhookSecret).toBe(SECRET);
    expect(running.credentials?.adminToken).toBe('stored-admin-token-0123456789');
  });

  it('takes OTKLIK_API_PORT over the recorded URL when it is set', async () => {
    // Prepare
    const dir = dataDir();
    await recordRunningRuntime(envOf(dir), 'http://127.0.0.1:41234');

    // Act
    const running = await readRunningRuntime(envOf(dir, { OTKLIK_API_PORT: '3999' }), true);

    // Assess
    expect(running.apiUrl).toBe('http://127.0.0.1:3999');
  });

  it('finds no credentials in an empty data folder, and writes none', async () => {
    // Prepare
    const dir = dataDir();

    // Act
    const running = await readRunningRuntime(envOf(dir), false);

    // Assess: the default port, nothing invented, nothing written.
    expect(running.apiUrl).toBe('http://127.0.0.1:3000');
    expect(running.credentials).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('signs with OTKLIK_WEBHOOK_SECRET when the runtime was started with it', async () => {
    // Prepare
    const dir = dataDir();
    storedCredentials(dir);
    const given = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;

    // Act
    const running = await readRunningRuntime(envOf(dir, { OTKLIK_WEBHOOK_SECRET: given }), false);

    // Assess
    expect(running.credentials?.webhookSecret).toBe(given);
  });
});
