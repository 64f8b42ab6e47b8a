import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RATING_MAX_TRIES } from '#functions/csi/pages/rating-link.service.ts';
import { surveyKey } from '#shared/data/keys.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { freezeDateAt } from '#test/helpers/clock.ts';
import { NOW, SURVEY_ID, surveyItem } from '#test/helpers/ddb-fixtures.ts';
import { handlerOf, invoke, STACK_TRACE } from '#test/helpers/http-event.ts';
import { aLink, linkPage } from '#test/helpers/page-fixtures.ts';
import { transactionCanceled, transactionLostTo } from '#test/helpers/sdk-errors.ts';

/**
 * Issue 9, item 3: submits racing on one rating link. A rating that lost to another write is
 * tried again at once on top of the survey the cancellation returned (last writer wins); one
 * that loses every race within its budget gets a 503 "please try again" page, never a 500.
 */
const { ddb, sfn } = mockAws({ table: 'empty', workflows: 'accepting' });
freezeDateAt(NOW);
const handler = handlerOf(() => import('#functions/csi/pages/submit-rating.ts'));

const { givenLink, request } = linkPage(ddb, {
  path: 'r',
  opens: surveyKey,
  // Rated already: every submit is a change, guarded by the response's revision.
  byDefault: {
    link: aLink('rating'),
    subject: surveyItem({ status: 'rated', score: 3, ratingRevision: 1 }),
  },
  headers: { 'user-agent': 'Mozilla/5.0 (test)' },
});

const submit = (language: 'en' | 'ru', accept = 'text/html') =>
  request('POST', {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'accept-language': language,
      accept,
    },
    // A top score: no case to open, so every transaction is the rating's own.
    body: 'score=5',
  });

/** Another submit changed the rating first: the survey (part 0) comes back as it is now. */
const revisionMoved = (revision: number) =>
  transactionLostTo({
    ...surveyKey(SURVEY_ID),
    ...surveyItem({ status: 'rated', score: 3, ratingRevision: revision }),
  });
/** A transaction on the same items at that moment: no item to go on. */
const conflict = () => transactionCanceled('TransactionConflict', 'None', 'None');

beforeEach(() => {
  // No wait between the retries (the pause is random × …), so the test runs at once.
  vi.spyOn(Math, 'random').mockReturnValue(0);
  givenLink();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Handler: submit-rating under concurrent submits', () => {
  it('tries again on top of each newer rating, 29 times, and answers 303 to the thank-you page', async () => {
    // Prepare: the 29 other submits of 30 at once each win a race first
    const writes = ddb.on(TransactWriteCommand);
    for (let revision = 2; revision <= 30; revision++) writes.rejectsOnce(revisionMoved(revision));
    writes.resolves({});

    // Act
    const response = await invoke(handler, submit('en'));

    // Assess
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('?thanks=1');
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 30);
    // Never read again: each lost race returned the survey to go on from (the three reads
    // are the link, the survey and its task item, at once).
    expect(ddb).toReceiveCommandTimes(GetCommand, 3);
  });

  it('answers 503 with a localized try-again page when every race is lost', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(conflict());

    // Act
    const response = await invoke(handler, submit('ru'));

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('2');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('<html lang="ru">');
    expect(response.body).toContain('Попробуйте ещё раз');
    expect(response.body).not.toContain('<script');
    expect(response.body).not.toMatch(STACK_TRACE);
    expect(response.body).not.toContain('TransactionCanceled');
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, RATING_MAX_TRIES);
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
  });

  it('answers the try-again page in English for an English browser', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(conflict());

    // Act
    const response = await invoke(handler, submit('en'));

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain('Please try again');
    expect(response.body).not.toMatch(STACK_TRACE);
  });

  it('answers 503 as JSON with a message when JSON is asked for', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).rejects(conflict());

    // Act
    const response = await invoke(handler, submit('en', 'application/json'));

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual({ message: 'Please try again' });
  });
});

describe('Handler: submit-rating near its timeout', () => {
  it('answers the try-again page, not a 500, when middy ends the request before the timeout', async () => {
    // Prepare: middy's timeoutEarlyResponse throws an Error named TimeoutError
    const timeout = new Error('[AbortError]: The operation was aborted.');
    timeout.name = 'TimeoutError';
    ddb.on(TransactWriteCommand).rejects(timeout);

    // Act
    const response = await invoke(handler, submit('en'));

    // Assess
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('Please try again');
    expect(response.body).not.toMatch(STACK_TRACE);
  });
});
