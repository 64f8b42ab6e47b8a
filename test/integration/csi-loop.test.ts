import { describe, expect, it } from 'vitest';
import { runtime } from './clients.ts';
import {
  admin,
  allItems,
  itemOf,
  itemsOfTicket,
  linksIn,
  mailsTo,
  postWebhook,
  surveyOf,
  surveysOf,
} from './loop-helpers.ts';
import * as given from './steps/given.ts';
import * as then from './steps/then.ts';
import * as when from './steps/when.ts';

/**
 * The CSI loop on the local runtime, over real HTTP: signed webhooks in, mail in the SES
 * v2 local inbox, the links followed like a person (and like a mail scanner), the case
 * worked, and the admin API and the aggregates checked against the table.
 */
const responseItem = (surveyId: string) => itemOf(`SURVEY#${surveyId}`, 'RESPONSE');

describe('CSI loop: intake', () => {
  it('turns a signed webhook into exactly one survey mail with one-click links and unsubscribe headers', async () => {
    // Act
    const { email, ticketId, response } = await when.aTicketIsResolved();
    const mail = await then.aMailArrives(email);

    // Assess
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ status: 'scheduled' });
    expect(mail.subject).toContain(ticketId);
    const links = linksIn(mail, 'r');
    expect(links.map((l) => l.slice(-8))).toEqual([
      '?score=1',
      '?score=2',
      '?score=3',
      '?score=4',
      '?score=5',
    ]);
    expect(mail.headers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'List-Unsubscribe',
          // A mail's token names its survey: its id, then the random part.
          value: expect.stringMatching(/^<http.+\/u\/[0-9a-f]{32}[A-Za-z0-9_-]{32}>$/),
        }),
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      ])
    );
    expect(mail.body.html).toContain('Не пришёл расчётный листок');
    // Still one mail once the workflow waits for the rating: its sending step is behind it,
    // so a second invitation (a repeated send) would be in the inbox by now.
    await then.theSurveyWaitsForItsRating(ticketId);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('gives one survey and one mail for 20 concurrent copies of one delivery', async () => {
    const event = given.aTicketEvent();
    const id = `msg_concurrent_copy_${event.ticketId}`;

    const responses = await Promise.all(
      Array.from({ length: 20 }, () => when.theTicketSystemSends(event, { id }))
    );

    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(await surveysOf(event.ticketId)).toHaveLength(1);
    await then.aMailArrives(event.requester.email);
    // Still one mail once the survey's workflow waits for the rating (see above); it is the
    // only one: workflows are named by their survey id.
    await then.theSurveyWaitsForItsRating(event.ticketId);
    expect(await mailsTo(event.requester.email)).toHaveLength(1);
  });

  it('gives one survey for the same resolution sent again (resolved, then closed) under new delivery ids', async () => {
    const ticket = await when.aTicketIsResolved();
    const closed = await when.theTicketIsClosed(ticket);

    expect(ticket.response.status).toBe(202);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ duplicate: true, surveyId: ticket.response.body.surveyId });
    expect(await surveysOf(ticket.ticketId)).toHaveLength(1);
  });

  it('rejects bad requests with clear answers and writes nothing', async () => {
    const event = given.aTicketEvent();
    const now = Math.floor(Date.now() / 1000);

    const unsigned = await when.theTicketSystemSends(event, { signature: null });
    const wrongSecret = await when.theTicketSystemSends(event, {
      secret: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    const stale = await when.theTicketSystemSends(event, { timestamp: now - 301 });
    const tooLarge = await when.theTicketSystemSends({ ...event, title: 'x'.repeat(257 * 1024) });
    const notJson = await postWebhook('ticket resolved', { contentType: 'text/plain' });
    const brokenJson = await postWebhook('{"eventType":', {});
    const invalid = await when.theTicketSystemSends({
      eventType: 'ticket.resolved',
      requester: { email: 'not an email' },
    });

    expect([unsigned, wrongSecret, stale].map((r) => r.status)).toEqual([401, 401, 401]);
    expect(tooLarge.status).toBe(413);
    expect([notJson.status, brokenJson.status]).toEqual([415, 415]);
    expect(invalid.status).toBe(400);
    expect((invalid.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'requester.email',
      'resolvedAt',
      'ticketId',
    ]);
    expect(await itemsOfTicket(event.ticketId)).toHaveLength(0);
    const deliveries = (await allItems()).filter(
      (item) =>
        typeof item.pk === 'string' &&
        [unsigned, wrongSecret, stale, tooLarge, notJson, brokenJson, invalid].some(
          (r) => item.pk === `DELIVERY#generic#${r.id}`
        )
    );
    expect(deliveries).toHaveLength(0);
    // A survey mail comes only from a workflow, which a webhook starts before it answers:
    // once every workflow is idle (none between its start and its wait for a rating), a
    // mail any of these requests had caused would be in the inbox.
    await then.theWorkflowsAreIdle();
    expect(await mailsTo(event.requester.email)).toHaveLength(0);
  });
});

describe('CSI loop: rating links', () => {
  it('records nothing but an unconfirmed click for scanner GETs and HEADs on all five links', async () => {
    const { ticketId, ratingLinks } = await given.aSurveyMail();

    for (const link of ratingLinks) {
      const head = await when.aMailScannerFollows(link, 'HEAD');
      const get = await when.aMailScannerFollows(link);
      expect(head.status).toBe(200);
      expect(get.status).toBe(200);
      expect(get.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(await get.text()).not.toContain('<script');
    }

    const [survey] = await surveysOf(ticketId);
    expect(survey).toMatchObject({ status: 'sent', unconfirmedClicks: 5 });
    expect(survey?.score).toBeUndefined();
    expect(await responseItem(survey!.surveyId)).toBeUndefined();
  });

  it('pre-selects the mail score, and a confirmed 3 opens exactly one case that ends in the closing mail', async () => {
    const { email, ticketId, ratingPage } = await given.aSurveyMail();
    const page = await (await when.theEmployeeOpens(`${ratingPage}?score=3`)).text();
    expect(page).toMatch(/value="3"\s+checked/);

    // Act: the person confirms a 3 (twice, as a double tap would).
    const rating = { score: 3, comment: 'Долго ждал', reasons: ['speed', 'communication'] };
    const confirmed = await when.theEmployeeRates(ratingPage, rating);
    const again = await when.theEmployeeRates(ratingPage, rating);

    // Assess: one case, owned by the default quality team, which gets the case link.
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Спасибо');
    expect(again.status).toBe(200);
    const rated = await then.theSurveyIs(ticketId, 'rated');
    expect(rated.score).toBe(3);
    const [ownerMail] = await then.theOwnerIsMailed('quality@test.example', ticketId);
    const openCases = (await admin('/v1/follow-ups?status=open')).body.followUps as {
      surveyId: string;
      reasons: string[];
    }[];
    expect(openCases.filter((c) => c.surveyId === rated.surveyId)).toHaveLength(1);
    expect(openCases.find((c) => c.surveyId === rated.surveyId)?.reasons).toEqual([
      'speed',
      'communication',
    ]);

    // Act: the owner works the case page.
    const [caseLink] = linksIn(ownerMail!, 'f');
    expect((await fetch(caseLink!)).status).toBe(200);
    const resolved = await when.theOwnerResolvesTheCase(caseLink!, {
      rootCause: 'process',
      correctiveAction: 'Ускорили ответ второй линии',
      notifyRequester: 'yes',
      messageToRequester: 'Мы ускорили ответ второй линии.',
    });

    // Assess: resolved, and the requester hears back.
    expect(resolved.status).toBe(200);
    const mails = await then.mailsArrive(email, 2);
    expect(mails[1]?.body.text).toContain('Мы ускорили ответ второй линии.');
    const followUp = await admin(`/v1/follow-ups/${rated.surveyId}`);
    expect(followUp.body).toMatchObject({ status: 'resolved', rootCause: 'process' });
    expect(followUp.body.taskToken).toBeUndefined();
  });

  it('routes a case by business unit to its owner', async () => {
    const { ticketId, ratingPage } = await given.aSurveyMail({
      businessUnit: { id: 'HR', name: 'Персонал' },
    });

    await when.theEmployeeRates(ratingPage, { score: 2 }, 'json');

    const mails = await then.theOwnerIsMailed('hr-quality@test.example', ticketId);
    expect(mails).toHaveLength(1);
  });

  it('replaces an earlier score with a changed one, and opens the case for the new low score', async () => {
    const { ticketId, ratingPage } = await given.aSurveyMail();

    const five = await when.theEmployeeRates(ratingPage, { score: 5 }, 'json');
    await then.theSurveyIs(ticketId, 'rated');
    const two = await when.theEmployeeRates(ratingPage, { score: 2, comment: 'передумал' }, 'json');

    expect(await five.json()).toMatchObject({ score: 5, changed: false, followUp: false });
    expect(await two.json()).toMatchObject({ score: 2, changed: true, followUp: true });
    const survey = await then.aCaseIsOpened(ticketId);
    expect(survey.score).toBe(2);
    expect(await responseItem(survey.surveyId)).toMatchObject({
      score: 2,
      // The survey's ratingRevision it was written at: the first rating 1, the change 2.
      revision: 2,
      comment: 'передумал',
    });
  });

  it('answers 400 for an invalid rating, 404 for an unknown token, and never a stack trace', async () => {
    const { ratingPage } = await given.aSurveyMail();

    const invalid = await when.theEmployeeRates(ratingPage, { score: 9 }, 'json');
    const invalidForm = await when.theEmployeeRates(ratingPage, { score: 0 });
    const unknown = await when.theEmployeeOpens(`${runtime.apiUrl}/r/${'A'.repeat(32)}`);
    const malformed = await when.theEmployeeOpens(`${runtime.apiUrl}/r/short?score=3`);

    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ errors: [{ path: 'score' }] });
    expect(invalidForm.status).toBe(400);
    expect(await invalidForm.text()).toContain('role="alert"');
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    const text = await unknown.text();
    expect(text).toContain('<h1>');
    expect(text).not.toMatch(/at .+\.ts:\d+/);
  });
});

describe('CSI loop: reopen, opt-out, reminder and expiry', () => {
  it('cancels a survey reopened before its mail: no mail goes out', async () => {
    const ticket = await given.aResolvedTicket();

    const reopened = await when.theTicketIsReopened(ticket);

    expect(reopened.status).toBe(200);
    expect((reopened.body.cancelled as string[]).length).toBe(1);
    await then.theSurveyIs(ticket.ticketId, 'cancelled');
    // The mail would come from the survey's workflow, after its send delay: once the
    // workflow has ended, it can no longer send one.
    await then.theSurveyWorkflowHasEnded(ticket.ticketId);
    expect(await mailsTo(ticket.email)).toHaveLength(0);
  });

  it('cancels a survey reopened after its mail: the link answers 410; a new resolution surveys again', async () => {
    const ticket = await given.aSurveyMail();

    await when.theTicketIsReopened(ticket);
    await then.theSurveyIs(ticket.ticketId, 'cancelled');
    const gone = await when.theEmployeeOpens(ticket.ratingPage);
    const again = await when.theTicketIsResolvedAgain(ticket);

    expect(gone.status).toBe(410);
    expect(again.status).toBe(202);
    expect(await surveysOf(ticket.ticketId)).toHaveLength(2);
    await then.mailsArrive(ticket.email, 2);
  });

  it('records a one-click opt-out (RFC 8058), after which the person gets no survey', async () => {
    const { email, ticketId, mail } = await given.aSurveyMail();
    const [optOutLink] = linksIn(mail, 'u');

    const page = await when.theEmployeeOpens(optOutLink!);
    const oneClick = await when.theEmployeeOptsOut(optOutLink!);
    const next = await when.aTicketIsResolved({ requester: { email, name: 'Анна' } });

    expect(page.status).toBe(200);
    expect(oneClick.status).toBe(200);
    const survey = await then.theSurveyIs(next.ticketId, 'suppressed');
    expect(survey.statusReason).toBe('opted-out');
    expect(await mailsTo(email)).toHaveLength(1);
    expect((await surveysOf(ticketId))[0]?.status).toBe('sent');
  });

  it('reminds once when no rating comes, then expires the survey and its link', async () => {
    const { email, ticketId } = await given.aSurveyMail();
    const { surveyId } = await surveyOf(ticketId);
    // Restart the survey's workflow with second-long waits; it resumes from the table
    // (the invitation is not sent again: the task only parks its token).
    await when.theSurveyWorkflowIsLost(surveyId);
    const fast = await when.theSurveyWorkflowRestarts(surveyId, {
      untilReminderSeconds: 1,
      untilCloseSeconds: 1,
    });

    const mails = await then.mailsArrive(email, 2);
    await then.theSurveyIs(ticketId, 'expired');
    const done = await then.theExecutionEnds(fast);

    expect(mails[1]?.subject).toContain('Напоминание');
    expect(done.status).toBe('SUCCEEDED');
  });
});

describe('CSI loop: lost workflows', () => {
  it('takes the rating of a survey whose workflow was lost, and opens its case without it', async () => {
    // The table holds the truth: the rating page and the case need no running workflow. The
    // reconcile pass gives the survey a workflow again once its reminder is due (unit test
    // reconcile-workflows.service.test.ts; a restart: start-up-reconcile.test.ts, R6).
    const { ticketId, ratingPage } = await given.aSurveyMail();
    const { surveyId } = await surveyOf(ticketId);
    await when.theSurveyWorkflowIsLost(surveyId);

    const reconcile = await when.theReconcilePassRuns();
    const rated = await when.theEmployeeRates(ratingPage, { score: 2 });

    expect(reconcile.status).toBe(200);
    expect(rated.status).toBe(200);
    const opened = await then.aCaseIsOpened(ticketId);
    expect(opened.score).toBe(2);
    expect((await surveyOf(ticketId)).status).toBe('rated');
  });
});

describe('CSI loop: admin API and aggregates', () => {
  it('asks for the admin token and validates queries', async () => {
    const anonymous = await fetch(`${runtime.apiUrl}/v1/surveys?ticketId=x`);
    const noTicket = await admin('/v1/surveys');
    const badDates = await admin('/v1/metrics/csi?from=2026-13-01&to=2026-01-01');
    const reversed = await admin('/v1/metrics/csi?from=2026-02-01&to=2026-01-01');
    const unknownCase = await admin(`/v1/follow-ups/${'0'.repeat(32)}`);

    expect(anonymous.status).toBe(401);
    expect(noTicket.status).toBe(400);
    expect(badDates.status).toBe(400);
    expect(reversed.status).toBe(400);
    expect(unknownCase.status).toBe(404);
  });

  it('assigns and resolves a case through the admin API, once', async () => {
    const { survey } = await given.anOpenCase({ score: 1 });
    const newOwner = { email: 'new-owner@test.example', name: 'Новый владелец' };

    const assigned = await when.theAdminAssignsTheCase(survey.surveyId, newOwner);
    const resolution = {
      rootCause: 'business-unit-side',
      correctiveAction: 'Договорились о сроках',
      notifyRequester: false,
    };
    const resolved = await when.theAdminResolvesTheCase(survey.surveyId, resolution);
    const twice = await when.theAdminResolvesTheCase(survey.surveyId, resolution);
    const invalid = await when.theAdminResolvesTheCase(survey.surveyId, '{"rootCause":"luck"}');

    expect(assigned.status).toBe(200);
    expect(assigned.body.owner).toEqual({
      email: 'new-owner@test.example',
      name: 'Новый владелец',
    });
    await then.aMailArrives('new-owner@test.example');
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolvedBy: 'local-admin',
      rootCause: 'business-unit-side',
    });
    expect(twice.status).toBe(409);
    expect(invalid.status).toBe(400);
  });

  it('keeps every aggregate equal to a recount of surveys, responses and cases', async () => {
    // The workflows of the tests above write as they go (a case opened after a rating, a
    // closing mail): recount once none of them has a step in flight.
    await then.theWorkflowsAreIdle();
    const items = await allItems();
    const recount = new Map<string, Record<string, number>>();
    const bucket = (day: string, dimension: string) => {
      const key = `${day}|${dimension}`;
      let counts = recount.get(key);
      if (!counts) {
        counts = {
          sent: 0,
          rated: 0,
          scoreSum: 0,
          d1: 0,
          d2: 0,
          d3: 0,
          d4: 0,
          d5: 0,
          clicks: 0,
          followUpsOpened: 0,
          followUpsResolved: 0,
          inferred: 0,
          inferredScoreSum: 0,
          scannerRejected: 0,
        };
        recount.set(key, counts);
      }
      return counts;
    };
    const surveys = new Map(
      items.filter((i) => i.sk === 'SURVEY').map((s) => [s.surveyId as string, s])
    );
    for (const survey of surveys.values()) {
      const counts = bucket(survey.aggregateDay as string, survey.aggregateDimension as string);
      if (survey.sentAt) counts.sent! += 1;
      if (survey.firstClickAt) counts.clicks! += 1;
      // A click settled into an inferred rating has no response: counted apart.
      if (survey.ratingKind === 'inferred') {
        counts.inferred! += 1;
        counts.inferredScoreSum! += survey.score as number;
      }
      if (survey.statusReason === 'scanner-clicks-only') counts.scannerRejected! += 1;
    }
    for (const response of items.filter((i) => i.sk === 'RESPONSE')) {
      const survey = surveys.get(response.surveyId as string)!;
      const counts = bucket(survey.aggregateDay as string, survey.aggregateDimension as string);
      counts.rated! += 1;
      counts.scoreSum! += response.score as number;
      counts[`d${response.score as number}`]! += 1;
    }
    for (const followUp of items.filter((i) => i.sk === 'FOLLOWUP')) {
      const counts = bucket(followUp.aggregateDay as string, followUp.aggregateDimension as string);
      counts.followUpsOpened! += 1;
      if (followUp.status === 'resolved') counts.followUpsResolved! += 1;
    }
    const aggregates = new Map(
      items
        .filter((i) => typeof i.pk === 'string' && i.pk.startsWith('AGG#CSI#'))
        .map((a) => [
          `${a.day as string}|${a.dimension as string}`,
          Object.fromEntries(
            Object.keys(bucket('x', 'x')).map((k) => [k, (a[k] as number | undefined) ?? 0])
          ),
        ])
    );
    recount.delete('x|x');

    expect(recount.size).toBeGreaterThan(0);
    for (const [key, counts] of recount) {
      const stored =
        aggregates.get(key) ?? Object.fromEntries(Object.keys(counts).map((k) => [k, 0]));
      expect(stored, key).toEqual(counts);
    }

    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const metrics = await admin(`/v1/metrics/csi?from=${from}&to=${today}`);
    const total = [...recount.values()].reduce((sum, c) => sum + (c.rated ?? 0), 0);
    expect(metrics.status).toBe(200);
    expect(metrics.body.confirmed).toMatchObject({ rated: total });
  });
});
