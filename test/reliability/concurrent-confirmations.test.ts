import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../helpers/poll.ts';
import { allItems, itemOf, surveyOf } from '../integration/loop-helpers.ts';
import * as given from '../integration/steps/given.ts';
import * as when from '../integration/steps/when.ts';
import { recordFigure } from './figures.ts';
import { itScansTheLog, Secrets } from './log-scan.ts';
import { SIZES } from './sizes.ts';

const secrets = new Secrets();
const COUNTERS = ['rated', 'scoreSum', 'd1', 'd2', 'd3', 'd4', 'd5'] as const;

/**
 * R2: one rating link confirmed many times at once (a double tap, a mail client that
 * retries, a person clicking through low scores) with low scores, so that every submit
 * would open the case: one response, one case, never a 5xx, and the day's counters equal
 * to a recount of the stored responses.
 */
describe('R2 concurrent confirmations', () => {
  it(`${SIZES.confirmations} concurrent low-score submits on one token → one response, one case, 0 × 5xx, aggregates = recount`, async () => {
    // Prepare: a service of its own, so the day's aggregate holds this survey alone.
    const service = { id: `R2-${randomUUID().slice(0, 8)}`, name: 'Параллельные подтверждения' };
    const { ticketId, ratingPage, email, mail } = await given.aSurveyMail({ service });
    secrets.add(email);
    secrets.addLinksOf(mail.body.text);
    const { surveyId } = await surveyOf(ticketId);
    const comment = `comment-${randomUUID()}`;
    secrets.add(comment);

    // Act
    const responses = await Promise.all(
      Array.from({ length: SIZES.confirmations }, (_, i) =>
        when.theEmployeeRates(
          ratingPage,
          { score: (i % 2) + 1, comment },
          i % 2 === 0 ? 'form' : 'json'
        )
      )
    );
    const statuses = responses.map((r) => r.status);
    await Promise.all(responses.map((r) => r.text()));

    // Assess: wait until all is still (a submit answered 503 may still be writing).
    const settled = await pollUntil(
      async () => {
        const items = await allItems();
        const stored = items.filter((i) => i.sk === 'RESPONSE' && i.surveyId === surveyId);
        const cases = items.filter((i) => i.sk === 'FOLLOWUP' && i.surveyId === surveyId);
        const survey = await itemOf(`SURVEY#${surveyId}`, 'SURVEY');
        const aggregate = items.find(
          (i) =>
            typeof i.pk === 'string' &&
            i.pk.startsWith('AGG#CSI#') &&
            i.day === survey?.aggregateDay &&
            i.dimension === survey?.aggregateDimension
        );
        const counted = Object.fromEntries(COUNTERS.map((k) => [k, aggregate?.[k] ?? 0]));
        const recount = Object.fromEntries(COUNTERS.map((k) => [k, 0]));
        for (const response of stored) {
          const score = Number(response.score);
          recount.rated = (recount.rated ?? 0) + 1;
          recount.scoreSum = (recount.scoreSum ?? 0) + score;
          recount[`d${String(score)}`] = (recount[`d${String(score)}`] ?? 0) + 1;
        }
        const still =
          stored.length >= 1 &&
          cases.length >= 1 &&
          JSON.stringify(counted) === JSON.stringify(recount);
        return still ? { stored, cases, counted, recount } : undefined;
      },
      { intervalMs: 200, what: 'one response and one case, counters equal to the recount' }
    ).catch(() => undefined);
    // The issue asks for 0 × 5xx: a 503 try-again page counts (it is shown on its own).
    const serverErrors = statuses.filter((s) => s >= 500).length;
    const tryAgain = statuses.filter((s) => s === 503).length;
    recordFigure({
      id: 'R2',
      title: 'concurrent confirmations',
      figure: `${SIZES.confirmations} submits → ${String(settled?.stored.length ?? '?')} response(s), ${String(settled?.cases.length ?? '?')} case(s), ${serverErrors} × 5xx (${tryAgain} of them 503 try-again), counters ${settled ? '= recount' : '≠ recount'}`,
      holds:
        serverErrors === 0 &&
        statuses.every((s) => s === 200) &&
        settled?.stored.length === 1 &&
        settled.cases.length === 1,
    });
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(settled?.stored).toHaveLength(1);
    expect(settled?.cases).toHaveLength(1);
    expect(settled?.counted).toEqual(settled?.recount);
  });
});

itScansTheLog('R2', secrets);
