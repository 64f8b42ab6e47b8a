import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { runtime } from './clients.ts';
import { INTEGRATION_CSI_SETTINGS } from './integration-settings.ts';
import { postWebhook, ticketEvent } from './loop-helpers.ts';
import * as then from './steps/then.ts';

/**
 * The settings file of the suite's runtime (local/settings-file.ts), edited while it runs:
 * the next survey follows the edit, with no restart. The suite shares one runtime, so the
 * file is put back after each test.
 */
const original = await readFile(runtime.settingsFile, 'utf8');
const editSettings = (change: object) =>
  writeFile(runtime.settingsFile, JSON.stringify({ ...INTEGRATION_CSI_SETTINGS, ...change }));

afterEach(async () => {
  await writeFile(runtime.settingsFile, original);
});

describe('Settings: changed at runtime', () => {
  it('takes a new closure-code list at the next survey, without a restart', async () => {
    const before = ticketEvent({ resolutionCode: 'Escalated elsewhere' });
    expect((await postWebhook(JSON.stringify(before))).status).toBe(202);
    await then.aMailArrives(before.requester.email);

    await editSettings({ suppressedResolutions: ['escalated elsewhere'] });
    const after = ticketEvent({ resolutionCode: 'Escalated elsewhere' });
    expect((await postWebhook(JSON.stringify(after))).status).toBe(202);

    const survey = await then.theSurveyIs(after.ticketId, 'suppressed');
    expect(survey).toMatchObject({ statusReason: 'resolution:escalated elsewhere' });
  });

  it('keeps the last good settings when an edit is invalid, and says nothing to the sender', async () => {
    await editSettings({ suppressedResolutions: ['escalated elsewhere'] });
    const good = ticketEvent({ resolutionCode: 'Escalated elsewhere' });
    await postWebhook(JSON.stringify(good));
    await then.theSurveyIs(good.ticketId, 'suppressed');

    await writeFile(runtime.settingsFile, '{ "suppressedResolutions": "all" }');
    const next = ticketEvent({ resolutionCode: 'Escalated elsewhere' });
    const response = await postWebhook(JSON.stringify(next));

    expect(response.status).toBe(202);
    const survey = await then.theSurveyIs(next.ticketId, 'suppressed');
    expect(survey).toMatchObject({ statusReason: 'resolution:escalated elsewhere' });
  });
});
