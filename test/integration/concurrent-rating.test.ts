import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../helpers/poll.ts';
import { allItems, itemOf, surveyOf } from './loop-helpers.ts';
import * as given from './steps/given.ts';
import * as when from './steps/when.ts';

/**
 * Issue 9, item 3: many submits of one rating link at once (a double tap, a retrying mail
 * client, a person clicking through the scores) must each get the thank-you page (200: a
 * lost race is tried again on top of the winner, last writer wins), never a 500 or a 503,
 * and leave one response and the day's counters equal to a recount.
 */
const PARALLEL = 30;
const COUNTERS = ['rated', 'scoreSum', 'd1', 'd2', 'd3', 'd4', 'd5'] as const;

describe('CSI loop: concurrent ratings of one link', () => {
  it(`answers ${PARALLEL} parallel submits of one token with 200 each and counts one rating`, async () => {
    // Prepare: a service of its own, so the day's aggregate holds this survey alone.
    const service = { id: `CONC-${randomUUID().slice(0, 8)}`, name: 'Параллельные оценки' };
    const { ticketId, ratingPage } = await given.aSurveyMail({ service });
    const { surveyId } = await surveyOf(ticketId);

    // Act: every score from 1 to 5, over and over, all at once.
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        when.theEmployeeRates(ratingPage, { score: (i % 5) + 1 }, i % 2 === 0 ? 'form' : 'json')
      )
    );
    const statuses = responses.map((r) => r.status);
    const bodies = await Promise.all(responses.map((r) => r.text()));

    // Assess: every submit recorded (the thank-you page or its JSON), no stack trace.
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    bodies.forEach((body) => {
      expect(body).not.toMatch(/at .+\.ts:\d+/);
    });
    // Exactly one response, and the day's counters equal its recount: rated 1, one score.
    const settled = await pollUntil(
      async () => {
        const items = await allItems();
        const stored = items.filter((i) => i.sk === 'RESPONSE' && i.surveyId === surveyId);
        const survey = await itemOf(`SURVEY#${surveyId}`, 'SURVEY');
        const aggregate = items.find(
          (i) =>
            typeof i.pk === 'string' &&
            i.pk.startsWith('AGG#CSI#') &&
            i.day === survey?.aggregateDay &&
            i.dimension === survey?.aggregateDimension
        );
        const score = stored[0]?.score;
        const counted = Object.fromEntries(COUNTERS.map((k) => [k, aggregate?.[k] ?? 0]));
        const recount = Object.fromEntries(COUNTERS.map((k) => [k, 0]));
        Object.assign(recount, { rated: 1, scoreSum: score, [`d${String(score)}`]: 1 });
        const still = JSON.stringify(counted) === JSON.stringify(recount) && stored.length === 1;
        return still ? { stored, survey, score, counted, recount } : undefined;
      },
      { intervalMs: 200, what: 'one response and counters equal to its recount' }
    );
    expect(settled.stored).toHaveLength(1);
    // The writes applied one after another, each on top of the one before (a submit that lost
    // only to later ones past its budget is superseded, not written); the response is the
    // last write's.
    expect(settled.survey).toMatchObject({ status: 'rated', score: settled.score });
    const revision = Number(settled.survey?.ratingRevision);
    expect(revision).toBeGreaterThanOrEqual(1);
    expect(revision).toBeLessThanOrEqual(PARALLEL);
    expect(settled.stored[0]).toMatchObject({ revision });
    expect(settled.counted).toEqual(settled.recount);
  });
});
