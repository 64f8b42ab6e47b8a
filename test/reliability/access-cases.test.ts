import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PATIENCE_MS } from '../helpers/poll.ts';
import {
  admin,
  linksIn,
  waitForSurveyStatus,
  type StoredMail,
} from '../integration/loop-helpers.ts';
import * as given from '../integration/steps/given.ts';
import * as then from '../integration/steps/then.ts';
import * as when from '../integration/steps/when.ts';
import { recordFigure } from './figures.ts';
import { itScansTheLog, Secrets } from './log-scan.ts';

const secrets = new Secrets();
// The requester is not told (telling them needs a message written for them).
const RESOLUTION = {
  rootCause: 'process',
  correctiveAction: 'Разобрали заявку с командой',
  notifyRequester: 'no',
};
/** Reminder after 20 s, closed 10 s later (reliability-settings.ts), and some slack. */
const EXPIRY_MS = 30_000 + PATIENCE_MS;

const linkOf = (mail: StoredMail | undefined, path: 'r' | 'u' | 'f'): string => {
  const [link] = mail ? linksIn(mail, path) : [];
  if (!link) throw new Error(`no /${path}/ link in the mail`);
  return link.replace(/\?score=\d$/, '');
};
const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

interface Check {
  readonly what: string;
  readonly status: number;
  readonly expected: readonly number[];
}
const checks: Check[] = [];
const expectStatus = (what: string, status: number, expected: readonly number[]) => {
  checks.push({ what, status, expected });
};

/**
 * R5: who may use which link. A reassigned case's old link is revoked (issue 9 defect 4);
 * a token used on another kind of page, or made up, opens nothing and changes nothing; an
 * expired survey's and a cancelled survey's links answer 410.
 */
describe('R5 access cases', () => {
  // Started first: its window closes while the other cases run.
  const expiring = given.aSurveyMail();
  expiring.catch(() => undefined);

  it('reassignment revokes the old owner link (410); the new one resolves as its holder', async () => {
    const { ticketId, survey, email, mail } = await given.anOpenCase({ score: 1 });
    secrets.add(email);
    secrets.addLinksOf(mail.body.text);
    const [firstMail] = await then.theOwnerIsMailed('quality@test.example', ticketId);
    const oldLink = linkOf(firstMail, 'f');
    secrets.add(tokenOf(oldLink));
    const newOwner = { email: `owner-${randomUUID().slice(0, 8)}@test.example`, name: 'Нина' };
    secrets.add(newOwner.email);

    expectStatus(
      'assign',
      (await when.theAdminAssignsTheCase(survey.surveyId, newOwner)).status,
      [200]
    );
    const [newMail] = await then.theOwnerIsMailed(newOwner.email, ticketId);
    const newLink = linkOf(newMail, 'f');
    secrets.add(tokenOf(newLink));
    expectStatus('old owner GET', (await when.theEmployeeOpens(oldLink)).status, [410]);
    expectStatus(
      'old owner resolve',
      (await when.theOwnerResolvesTheCase(oldLink, RESOLUTION)).status,
      [410]
    );
    expectStatus(
      'new owner resolve',
      (await when.theOwnerResolvesTheCase(newLink, RESOLUTION)).status,
      [200]
    );
    const followUp = await admin(`/v1/follow-ups/${survey.surveyId}`);
    expect(followUp.body).toMatchObject({ status: 'resolved', owner: newOwner });
    expect(String(followUp.body.resolvedBy)).toMatch(/^owner:/);
    expect(checks.filter((c) => !c.expected.includes(c.status))).toEqual([]);
  });

  it('a token on another kind of page, or a made-up one, opens and changes nothing', async () => {
    const { ticketId, survey, mail, email } = await given.anOpenCase({ score: 2 });
    secrets.add(email);
    secrets.addLinksOf(mail.body.text);
    const [caseMail] = await then.theOwnerIsMailed('quality@test.example', ticketId);
    const caseToken = tokenOf(linkOf(caseMail, 'f'));
    const ratingToken = tokenOf(linkOf(mail, 'r'));
    const base = new URL(linkOf(mail, 'r')).origin;
    const madeUp = randomBytes(32).toString('base64url');
    const tries: [string, string, string][] = [
      ['rating token as a case link', 'f', ratingToken],
      ['case token as a rating link', 'r', caseToken],
      ['case token as an opt-out link', 'u', caseToken],
      ['made-up rating token', 'r', madeUp],
      ['made-up case token', 'f', madeUp],
      ['made-up opt-out token', 'u', madeUp],
    ];
    for (const [what, path, token] of tries) {
      const url = `${base}/${path}/${token}`;
      expectStatus(`${what} GET`, (await fetch(url)).status, [404, 410]);
      const form =
        path === 'f' ? new URLSearchParams(RESOLUTION) : new URLSearchParams({ score: '5' });
      expectStatus(
        `${what} POST`,
        (await fetch(url, { method: 'POST', body: form })).status,
        [404, 410]
      );
    }
    // Nothing changed: the survey keeps its low score and its case stays open.
    const followUp = await admin(`/v1/follow-ups/${survey.surveyId}`);
    expect(followUp.body).toMatchObject({ status: 'open' });
    expect(checks.filter((c) => !c.expected.includes(c.status))).toEqual([]);
  });

  it('a cancelled survey (ticket reopened) answers 410 on its links', async () => {
    const surveyMail = await given.aSurveyMail();
    secrets.add(surveyMail.email);
    secrets.addLinksOf(surveyMail.mail.body.text);
    await when.theTicketIsReopened(surveyMail);
    await waitForSurveyStatus(surveyMail.ticketId, 'cancelled');
    expectStatus(
      'cancelled GET',
      (await when.theEmployeeOpens(surveyMail.ratingPage)).status,
      [410]
    );
    expectStatus(
      'cancelled POST',
      (await when.theEmployeeRates(surveyMail.ratingPage, { score: 4 })).status,
      [410]
    );
    expect(checks.filter((c) => !c.expected.includes(c.status))).toEqual([]);
  });

  it(
    'an expired survey answers 410 on its links',
    async () => {
      const surveyMail = await expiring;
      secrets.add(surveyMail.email);
      secrets.addLinksOf(surveyMail.mail.body.text);
      await waitForSurveyStatus(surveyMail.ticketId, 'expired', EXPIRY_MS);
      expectStatus(
        'expired GET',
        (await when.theEmployeeOpens(surveyMail.ratingPage)).status,
        [410]
      );
      expectStatus(
        'expired POST',
        (await when.theEmployeeRates(surveyMail.ratingPage, { score: 4 })).status,
        [410]
      );
      const failed = checks.filter((c) => !c.expected.includes(c.status));
      recordFigure({
        id: 'R5',
        title: 'access cases',
        figure: `${String(checks.length - failed.length)}/${String(checks.length)} answers as expected${failed.length ? ` (wrong: ${failed.map((f) => `${f.what} ${String(f.status)}`).join(', ')})` : ''}`,
        holds: failed.length === 0,
      });
      expect(failed).toEqual([]);
    },
    EXPIRY_MS + 30_000
  );
});

itScansTheLog('R5', secrets);
