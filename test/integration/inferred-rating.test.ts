import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { runtime } from './clients.ts';
import { INTEGRATION_CSI_SETTINGS } from './integration-settings.ts';
import { pollUntil } from '../helpers/poll.ts';
import { admin, mailsTo, surveysOf, waitForSurveyStatus } from './loop-helpers.ts';
import * as given from './steps/given.ts';

/**
 * One click and nothing more (docs/rating.md), on the real runtime: a person's tap on 5
 * that is never confirmed counts as an inferred 5 once the survey's wait ends (here the
 * reminder: no reminder goes), reported apart, in the CSI under `balanced` and not under
 * `strict`; a scanner's burst on every link counts as nothing but one rejected survey when it
 * closes. Both surveys run side by side, on timers of their own (the settings file is
 * watched and the waits are taken at intake): the suite's 40 s + 20 s would make this the
 * slowest test of npm test for nothing it proves.
 */
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const SETTLED_WITHIN_MS = 45_000;
const SHORT_TIMERS = { reminderAfter: 'PT12S', expireAfterReminder: 'PT6S' };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const original = await readFile(runtime.settingsFile, 'utf8');

afterEach(async () => {
  await writeFile(runtime.settingsFile, original);
});

const today = () => new Date().toISOString().slice(0, 10);
const metrics = async () => {
  const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  return (await admin(`/v1/metrics/csi?from=${from}&to=${today()}`)).body;
};

describe('Rating: one click, no confirmation', () => {
  it(
    'counts a tap on 5 as an inferred 5 under balanced (not under strict), and a scanner burst as nothing',
    {
      timeout: 100_000,
    },
    async () => {
      // Prepare: short timers for this test's two surveys, then two mails
      await writeFile(
        runtime.settingsFile,
        JSON.stringify({ ...INTEGRATION_CSI_SETTINGS, ...SHORT_TIMERS })
      );
      const [person, scanned] = await Promise.all([given.aSurveyMail(), given.aSurveyMail()]);

      // Act: a scanner opens every link at once; the person taps 5 a few seconds later and closes the tab
      await Promise.all(
        scanned.ratingLinks.flatMap((link) => [
          fetch(link, { method: 'HEAD', headers: { 'user-agent': CHROME } }),
          fetch(link, { headers: { 'user-agent': CHROME } }),
        ])
      );
      await pause(3000);
      const tap = person.ratingLinks[4];
      if (!tap) throw new Error('no score link 5');
      expect((await fetch(tap, { headers: { 'user-agent': CHROME } })).status).toBe(200);

      // Assess: the person's survey is rated (inferred) and gets no reminder
      const rated = await waitForSurveyStatus(person.ticketId, 'rated', SETTLED_WITHIN_MS);
      expect(rated).toMatchObject({ score: 5, ratingKind: 'inferred' });
      // Waited for until it is over whatever its end, so that a wrong end names itself.
      const expired = await waitForSurveyEnd(scanned.ticketId, SETTLED_WITHIN_MS);
      expect(expired).toMatchObject({ status: 'expired', statusReason: 'scanner-clicks-only' });
      expect(expired.score).toBeUndefined();
      expect(await mailsTo(person.email)).toHaveLength(1);
      // The scanner's clicks did not stop the reminder (the person may never have seen the mail).
      expect(await mailsTo(scanned.email)).toHaveLength(2);

      // …and the report: apart, and in the CSI figure under balanced only
      const balanced = await metrics();
      const inferred = balanced.inferred as { rated: number; distribution: Record<string, number> };
      const confirmed = balanced.confirmed as { rated: number };
      expect(inferred.rated).toBeGreaterThanOrEqual(1);
      expect(inferred.distribution['5']).toBeGreaterThanOrEqual(1);
      expect(balanced.rejectedAsScanner).toBeGreaterThanOrEqual(1);
      expect(balanced.includes).toEqual(['confirmed', 'inferred']);
      expect(balanced.rated).toBe(confirmed.rated + inferred.rated);

      await writeFile(
        runtime.settingsFile,
        JSON.stringify({
          ...INTEGRATION_CSI_SETTINGS,
          ...SHORT_TIMERS,
          rating: { ...INTEGRATION_CSI_SETTINGS.rating, policy: 'strict' },
        })
      );
      const strict = await pollPolicy('strict');
      expect(strict.includes).toEqual(['confirmed']);
      expect(strict.rated).toBe((strict.confirmed as { rated: number }).rated);
      expect((strict.inferred as { rated: number }).rated).toBe(inferred.rated);
    }
  );
});

/** The survey of a ticket once it has left the statuses of a survey still in the loop. */
const waitForSurveyEnd = (ticketId: string, timeoutMs: number) => {
  let last = 'no survey';
  return pollUntil(
    async () => {
      const [survey] = await surveysOf(ticketId);
      last = JSON.stringify(survey);
      const inLoop = ['scheduled', 'sending', 'sent', 'reminded'];
      return survey && !inLoop.includes(survey.status) ? survey : undefined;
    },
    { timeoutMs, intervalMs: 100, what: () => `survey of ${ticketId} to end (last: ${last})` }
  );
};

/** The settings file is watched: the next report follows the edit. */
const pollPolicy = async (policy: string) => {
  for (let tries = 0; tries < 50; tries++) {
    const body = await metrics();
    if (body.policy === policy) return body;
    await pause(100);
  }
  throw new Error(`the report never followed the policy ${policy}`);
};
