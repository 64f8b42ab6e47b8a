import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { responseKey, surveyKey } from '#shared/data/keys.ts';
import { hashToken } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { freezeDateAt } from '#test/helpers/clock.ts';
import { NOW, responseItem, SURVEY_ID, surveyItem } from '#test/helpers/ddb-fixtures.ts';
import { handlerOf, invoke } from '#test/helpers/http-event.ts';
import { aLink, expectErrorPage, linkPage } from '#test/helpers/page-fixtures.ts';
import { transactionCanceled } from '#test/helpers/sdk-errors.ts';
import {
  expectOneTransactionUpdating,
  sentUpdates,
  writtenKeys,
} from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws({ table: 'empty' });
freezeDateAt(NOW);
const handler = handlerOf(() => import('#functions/csi/pages/show-rating-page.ts'));

const {
  token: TOKEN,
  givenLink,
  request: pageRequest,
} = linkPage(ddb, {
  path: 'r',
  opens: surveyKey,
  byDefault: { link: aLink('rating'), subject: surveyItem() },
  headers: { 'user-agent': 'Mozilla/5.0 (test)' },
});

describe('Handler: show-rating-page', () => {
  it('lands a submitted form on the thank-you page (?thanks=1) and records no click', async () => {
    // Prepare
    givenLink(aLink('rating'), surveyItem({ status: 'rated', score: 3, ratingRevision: 1 }));

    // Act
    const response = await invoke(handler, pageRequest('GET', { query: { thanks: '1' } }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Thank you for your rating!');
    expect(response.body).toContain('<strong>3</strong>');
    expect(response.body).toContain('We will look into what went wrong');
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
    expect(ddb).not.toReceiveCommand(UpdateCommand);
  });

  it('shows a rated survey\'s rating after it closed ("Ваша оценка 4 учтена"), in Moscow time, never "expired"', async () => {
    // Prepare: the link expired with the survey
    givenLink(
      aLink('rating', { validUntil: '2025-03-09T00:00:00.000Z' }),
      surveyItem({
        status: 'rated',
        score: 4,
        ratingRevision: 1,
        locale: 'ru',
        ratedAt: '2025-03-05T10:00:00.000Z',
        closesAt: '2025-03-09T00:00:00.000Z',
      })
    );

    // Act
    const response = await invoke(handler, pageRequest('GET', { query: { score: '1' } }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Ваша оценка 4 учтена.');
    expect(response.body).toContain('13:00');
    expect(response.body).not.toContain('UTC');
    expect(response.body).not.toContain('<form');
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('says, on a click under the balanced policy, that the score counts if the page is closed', async () => {
    // Prepare
    givenLink(aLink('rating'), surveyItem({ locale: 'ru' }));

    // Act
    const response = await invoke(handler, pageRequest('GET', { query: { score: '5' } }));

    // Assess
    expect(response.body).toContain('Вы выбрали оценку 5. Если закроете страницу, мы учтём её');
    expect(response.body).toContain('Оценку можно изменить до');
  });

  it('answers 200 with the rating form and a CSP that allows nothing by default', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(handler, pageRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).not.toContain('sandbox');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toContain('<form method="post">');
    expect(response.body).toContain('Request INC-1001');
    expect(response.body).toContain('Payroll correction');
    expect(response.body).not.toContain('<script');
  });

  it('reads the token by the hash of the link token', async () => {
    // Prepare
    givenLink();

    // Act
    await invoke(handler, pageRequest('GET'));

    // Assess
    expect(ddb).toReceiveCommandWith(GetCommand, {
      TableName: 'otklik-test',
      Key: { pk: `TOKEN#${hashToken(TOKEN)}`, sk: 'TOKEN' },
    });
  });

  it('records a GET as a click on the survey, never as a response', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(handler, pageRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(200);
    expectOneTransactionUpdating(ddb, surveyKey(SURVEY_ID), {
      set: {
        firstClickAt: NOW.toISOString(),
        lastClickUserAgent: 'Mozilla/5.0 (test)',
      },
      condition: 'attribute_not_exists(firstClickAt)',
    });
    expect(writtenKeys(ddb)).toContainEqual(surveyKey(SURVEY_ID));
    expect(writtenKeys(ddb).filter((key) => key.sk === 'RESPONSE')).toEqual([]);
  });

  it('counts a repeated click with a plain update', async () => {
    // Prepare
    givenLink();
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None'));
    ddb.on(UpdateCommand).resolves({});

    // Act
    const response = await invoke(handler, pageRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(ddb).toReceiveCommandWith(UpdateCommand, { Key: surveyKey(SURVEY_ID) });
    expect(sentUpdates(ddb).at(-1)).toMatchObject({
      key: surveyKey(SURVEY_ID),
      set: { lastClickAt: NOW.toISOString(), lastClickUserAgent: 'Mozilla/5.0 (test)' },
      add: { clickCount: 1 },
    });
    expect(writtenKeys(ddb).filter((key) => key.sk === 'RESPONSE')).toEqual([]);
  });

  it('pre-selects the score of the mail link without recording it', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(handler, pageRequest('GET', { query: { score: '4' } }));

    // Assess
    expect(response.body).toMatch(/id="score-4"\s+value="4"\s+checked/);
    expect(response.body).not.toMatch(/id="score-3"\s+value="3"\s+checked/);
    expect(writtenKeys(ddb).filter((key) => key.sk === 'RESPONSE')).toEqual([]);
  });

  it('shows the earlier answer of a rated survey', async () => {
    // Prepare
    givenLink(aLink('rating'), surveyItem({ status: 'rated', score: 2 }));
    ddb.on(GetCommand, { Key: responseKey(SURVEY_ID) }).resolves({
      Item: responseItem({ score: 2, reasons: ['speed'], comment: 'Took <b>ages</b>' }),
    });

    // Act
    const response = await invoke(handler, pageRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/id="score-2"\s+value="2"\s+checked/);
    expect(response.body).toMatch(/value="speed"\s+checked/);
    expect(response.body).toContain('Took &lt;b&gt;ages&lt;/b&gt;');
  });

  it('answers HEAD with 200 and an empty body, and only logs it for the scanner heuristics', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(handler, pageRequest('HEAD'));

    // Assess: no click, no counter, no rating; one line in the survey's click log
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
    expect(ddb).toReceiveCommandTimes(UpdateCommand, 1);
    expect(ddb).toReceiveCommandWith(UpdateCommand, {
      UpdateExpression: 'SET #clickLog = list_append(if_not_exists(#clickLog, :v0), :v1)',
    });
  });

  it('answers JSON when the client accepts application/json', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(
      handler,
      pageRequest('GET', { headers: { accept: 'application/json' }, query: { score: '5' } })
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual({
      ticketNumber: 'INC-1001',
      title: 'Payroll correction',
      score: 5,
      status: 'sent',
    });
  });

  it('answers 404 for an unknown token and writes nothing', async () => {
    // Prepare: no item for the token key

    // Act
    const response = await invoke(
      handler,
      pageRequest('GET', { headers: { 'accept-language': 'en' } })
    );

    // Assess
    expectErrorPage(response, 404, 'en');
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers 404 in the default language when the browser names none', async () => {
    // Act
    const response = await invoke(handler, pageRequest('GET'));

    // Assess
    expectErrorPage(response, 404, 'ru');
  });

  it('answers 404 without reading the table for a malformed token', async () => {
    // Act
    const response = await invoke(handler, pageRequest('GET', { token: 'not-a-token' }));

    // Assess
    expectErrorPage(response, 404, 'ru');
    expect(ddb).not.toReceiveCommand(GetCommand);
  });

  it('answers 404 for a token of another kind', async () => {
    // Prepare
    givenLink(aLink('unsubscribe'));

    // Act
    const response = await invoke(handler, pageRequest('GET'));

    // Assess
    expectErrorPage(response, 404, 'ru');
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers 404 as JSON when the client accepts application/json', async () => {
    // Act
    const response = await invoke(
      handler,
      pageRequest('GET', { headers: { accept: 'application/json' } })
    );

    // Assess
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ message: 'Not Found' });
  });

  it('answers 410 when the token is past its validUntil', async () => {
    // Prepare
    givenLink(aLink('rating', { validUntil: '2025-03-10T11:59:59.000Z' }));

    // Act
    const response = await invoke(
      handler,
      pageRequest('GET', { headers: { 'accept-language': 'en' } })
    );

    // Assess
    expectErrorPage(response, 410, 'en');
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers 410 when the survey no longer takes ratings', async () => {
    // Prepare
    givenLink(aLink('rating'), surveyItem({ status: 'expired' }));

    // Act
    const response = await invoke(handler, pageRequest('GET'));

    // Assess
    expectErrorPage(response, 410, 'ru');
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers HEAD with 410 for an expired token', async () => {
    // Prepare
    givenLink(aLink('rating', { validUntil: '2025-03-01T00:00:00.000Z' }));

    // Act
    const response = await invoke(handler, pageRequest('HEAD'));

    // Assess
    expect(response.statusCode).toBe(410);
  });

  it('answers 500 with an error page and no stack trace when the table fails', async () => {
    // Prepare
    const failure = new Error('DynamoDB is down: secret detail');
    ddb.on(GetCommand).rejects(failure);

    // Act
    const response = await invoke(
      handler,
      pageRequest('GET', { headers: { 'accept-language': 'en' } })
    );

    // Assess
    expectErrorPage(response, 500, 'en');
    expect(response.body).not.toContain('secret detail');
  });
});
