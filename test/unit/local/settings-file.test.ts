import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_CSI_SETTINGS } from '#local/runtime.ts';
import {
  InvalidLocalSettingsError,
  prepareSettingsFile,
  seedSettings,
} from '#local/settings-file.ts';

describe('Function: seedSettings', () => {
  it('merges a partial OTKLIK_CSI_SETTINGS (only the timers) over the local defaults, not the AWS ones', () => {
    const settings = seedSettings(
      LOCAL_CSI_SETTINGS,
      JSON.stringify({ sendDelay: 'PT1S', followUp: { sla: 'PT1M' } }),
      'OTKLIK_CSI_SETTINGS'
    );

    expect(settings.sendDelay).toBe('PT1S');
    expect(settings.reminderAfter).toBe(LOCAL_CSI_SETTINGS.reminderAfter);
    expect(settings.followUp).toMatchObject({
      sla: 'PT1M',
      maxAge: LOCAL_CSI_SETTINGS.followUp.maxAge,
      defaultOwner: { email: 'quality@local.test', name: 'Quality team' },
    });
  });

  it('replaces arrays instead of merging them', () => {
    const settings = seedSettings(
      { excludedServices: ['a', 'b'] },
      JSON.stringify({ excludedServices: ['c'] }),
      'x'
    );

    expect(settings.excludedServices).toEqual(['c']);
  });

  it('names the variable and the field of a bad value', () => {
    expect(() =>
      seedSettings(LOCAL_CSI_SETTINGS, JSON.stringify({ sendDelay: 'soon' }), 'OTKLIK_CSI_SETTINGS')
    ).toThrow(
      new InvalidLocalSettingsError(
        'OTKLIK_CSI_SETTINGS is not valid: sendDelay: an ISO-8601 duration such as PT10M or P3D'
      )
    );
    expect(() => seedSettings({}, '{', 'OTKLIK_CSI_SETTINGS')).toThrow(
      'OTKLIK_CSI_SETTINGS is not JSON'
    );
  });
});

describe('Function: prepareSettingsFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'otklik-settings-file-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps a file edited in an earlier run when no OTKLIK_CSI_SETTINGS is given', async () => {
    const file = join(dir, 'settings.json');
    await writeFile(file, JSON.stringify({ sendDelay: 'PT9S' }));

    const done = await prepareSettingsFile(file, LOCAL_CSI_SETTINGS, undefined);

    expect(done).toBe('kept');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ sendDelay: 'PT9S' });
  });

  it('writes the whole document, OTKLIK_CSI_SETTINGS over the local defaults, when given', async () => {
    const file = join(dir, 'nested', 'settings.json');

    const done = await prepareSettingsFile(file, LOCAL_CSI_SETTINGS, '{"sendDelay":"PT1S"}');

    expect(done).toBe('written');
    const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({ sendDelay: 'PT1S', reminderAfter: 'PT2M' });
  });
});
