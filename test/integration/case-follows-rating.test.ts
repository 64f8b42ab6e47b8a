import { describe, expect, it } from 'vitest';
import { admin, linksIn } from './loop-helpers.ts';
import * as given from './steps/given.ts';
import * as then from './steps/then.ts';
import * as when from './steps/when.ts';

// The requester is not told (telling them needs a message written for them).
const RESOLUTION = {
  rootCause: 'process',
  correctiveAction: 'Разобрали заявку с командой',
  notifyRequester: 'no',
};

/**
 * Issue 9, item 8, over the real local runtime: the case keeps the current rating (and says
 * when a change lifted it), and of ten resolves at once one is applied, the others 409.
 */
describe('CSI loop: the case follows the rating', () => {
  it('takes a changed score, keeps the opening one, and says when the change lifts it', async () => {
    // Prepare: a 3 opens the case
    const { ticketId, survey, ratingPage } = await given.anOpenCase({ score: 3 });
    const [mail] = await then.theOwnerIsMailed('quality@test.example', ticketId);
    const [caseLink] = mail ? linksIn(mail, 'f') : [];

    // Act: the person changes it to 4, then to 5
    const toFour = await when.theEmployeeRates(ratingPage, { score: 4 });
    const atFour = await admin(`/v1/follow-ups/${survey.surveyId}`);
    const toFive = await when.theEmployeeRates(ratingPage, { score: 5 });
    const atFive = await admin(`/v1/follow-ups/${survey.surveyId}`);

    // Assess
    expect([toFour.status, toFive.status]).toEqual([200, 200]);
    expect(atFour.body).toMatchObject({ score: 4, openingScore: 3 });
    expect(atFour.body).not.toHaveProperty('liftedAboveThresholdAt');
    expect(atFive.body).toMatchObject({ score: 5, openingScore: 3, status: 'open' });
    expect(atFive.body).toHaveProperty('liftedAboveThresholdAt');
    const page = await (await when.theEmployeeOpens(caseLink ?? '')).text();
    expect(page).toContain('<strong>5</strong>');
    expect(page).toMatch(/не ниже порога|at or above the follow-up threshold/);
  });

  it('applies one of ten resolves at once and answers the other nine 409', async () => {
    // Prepare
    const { ticketId } = await given.anOpenCase({ score: 2 });
    const [mail] = await then.theOwnerIsMailed('quality@test.example', ticketId);
    const [caseLink] = mail ? linksIn(mail, 'f') : [];

    // Act
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => when.theOwnerResolvesTheCase(caseLink ?? '', RESOLUTION))
    );

    // Assess
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, ...Array.from({ length: 9 }, () => 409)]);
  });
});
