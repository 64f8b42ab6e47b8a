import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { personKey, surveyKey } from '#shared/data/keys.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { freezeDateAt } from '#test/helpers/clock.ts';
import { NOW, surveyItem } from '#test/helpers/ddb-fixtures.ts';
import { handlerOf, invoke } from '#test/helpers/http-event.ts';
import { aLink, expectErrorPage, expectNoWrites, linkPage } from '#test/helpers/page-fixtures.ts';
import { sentUpdates } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws({ table: 'empty' });
freezeDateAt(NOW);
const showOptOutPage = handlerOf(() => import('#functions/csi/pages/show-opt-out-page.ts'));
const confirmOptOut = handlerOf(() => import('#functions/csi/pages/confirm-opt-out.ts'));

const {
  token,
  givenLink,
  request: optOutRequest,
} = linkPage(ddb, {
  path: 'u',
  opens: surveyKey,
  byDefault: { link: aLink('unsubscribe'), subject: surveyItem() },
});

const form = (body: string) =>
  optOutRequest('POST', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });

const givenOptedOut = (optedOutAt: string) =>
  ddb
    .on(GetCommand, { Key: personKey(emailKey('anna@example.com')) })
    .resolves({ Item: { ...personKey(emailKey('anna@example.com')), optedOutAt } });

const oneClick = (headers: Record<string, string> = {}) =>
  optOutRequest('POST', {
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: 'List-Unsubscribe=One-Click',
  });

describe('Handler: show-opt-out-page', () => {
  it('answers 200 with a confirmation form in the survey language and writes nothing', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(showOptOutPage, optOutRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('Unsubscribe from surveys?');
    expect(response.body).toContain('We will stop sending surveys to a***@example.com.');
    expect(response.body).toContain('<form method="post">');
    expect(response.body).toContain('name="action" value="unsubscribe"');
    expect(response.body).not.toContain('anna@example.com');
    expectNoWrites(ddb);
  });

  it('shows "you are unsubscribed" since when, in Moscow time, on a second visit, and no opt-out form', async () => {
    // Prepare
    givenLink(aLink('unsubscribe'), surveyItem({ locale: 'ru' }));
    givenOptedOut('2025-03-10T09:00:00.000Z');

    // Act
    const response = await invoke(showOptOutPage, optOutRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Вы отписаны');
    expect(response.body).toContain('С 10 марта 2025 г. в 12:00 (Москва) мы не присылаем опросы');
    expect(response.body).not.toContain('value="unsubscribe"');
    expect(response.body).toContain('name="action" value="resubscribe"');
    expectNoWrites(ddb);
  });

  it('answers "stay subscribed" with a page that says nothing changed, and changes nothing', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(
      showOptOutPage,
      optOutRequest('GET', { query: { view: 'stay' } })
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('You are still subscribed');
    expect(response.body).not.toContain('<form');
    expectNoWrites(ddb);
  });

  it('ignores a view it does not know and asks the question', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(
      showOptOutPage,
      optOutRequest('GET', { query: { view: '<script>' } })
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Unsubscribe from surveys?');
    expect(response.body).not.toContain('<script>');
  });

  it('answers in Russian for a Russian survey', async () => {
    // Prepare
    givenLink(aLink('unsubscribe'), surveyItem({ locale: 'ru' }));

    // Act
    const response = await invoke(showOptOutPage, optOutRequest('GET'));

    // Assess
    expect(response.body).toContain('<html lang="ru">');
    expect(response.body).toContain('Отписаться от опросов?');
    expect(response.body).toContain('(CSI)');
    expect(response.body).toContain('(NPS)');
  });

  it('answers 404 for an unknown token', async () => {
    // Act
    const response = await invoke(
      showOptOutPage,
      optOutRequest('GET', { headers: { 'accept-language': 'en-US,en;q=0.8' } })
    );

    // Assess
    expectErrorPage(response, 404, 'en');
    expectNoWrites(ddb);
  });

  it('answers 404 for a rating token', async () => {
    // Prepare
    givenLink(aLink('rating'));

    // Act
    const response = await invoke(showOptOutPage, optOutRequest('GET'));

    // Assess
    expectErrorPage(response, 404, 'ru');
  });

  it('answers 410 when the token is past its validUntil', async () => {
    // Prepare
    givenLink(aLink('unsubscribe', { validUntil: '2025-03-01T00:00:00.000Z' }));

    // Act
    const response = await invoke(showOptOutPage, optOutRequest('GET'));

    // Assess
    expectErrorPage(response, 410, 'ru');
    expectNoWrites(ddb);
  });
});

describe('Handler: confirm-opt-out', () => {
  it('records a one-click opt-out on the person and answers the done page', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(confirmOptOut, oneClick());

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('You are unsubscribed');
    expect(ddb).toReceiveCommandTimes(UpdateCommand, 1);
    expect(ddb).toReceiveCommandWith(UpdateCommand, {
      TableName: 'otklik-test',
      Key: personKey(emailKey('anna@example.com')),
    });
    expect(sentUpdates(ddb)).toEqual([
      expect.objectContaining({
        key: personKey(emailKey('anna@example.com')),
        set: {},
        setIfAbsent: { optedOutAt: NOW.toISOString() },
      }),
    ]);
  });

  it('keys the person by the hash of the address, never the address', async () => {
    // Prepare
    givenLink(aLink('unsubscribe'), surveyItem({ requesterEmail: 'Anna@Example.com ' }));

    // Act
    await invoke(confirmOptOut, oneClick());

    // Assess
    const key = ddb.commandCalls(UpdateCommand)[0]?.args[0].input.Key;
    expect(key).toEqual({ pk: `PERSON#${emailKey('anna@example.com')}`, sk: 'PROFILE' });
    expect(JSON.stringify(key)).not.toContain('example.com');
  });

  it('records the opt-out from the form and answers 303 to the page (a reload re-sends nothing)', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(confirmOptOut, form('action=unsubscribe'));

    // Assess
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/u/${token}`);
    expect(response.body).toBe('');
    expect(sentUpdates(ddb)).toEqual([
      expect.objectContaining({
        key: personKey(emailKey('anna@example.com')),
        setIfAbsent: { optedOutAt: NOW.toISOString() },
      }),
    ]);
  });

  it('records the opt-out from a page opened before the form had an action', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(confirmOptOut, form('confirm=yes'));

    // Assess
    expect(response.statusCode).toBe(303);
    expect(sentUpdates(ddb)).toEqual([
      expect.objectContaining({ setIfAbsent: { optedOutAt: NOW.toISOString() } }),
    ]);
  });

  it('takes an opt-out back and answers 303 to the "subscribed again" page', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(confirmOptOut, form('action=resubscribe'));

    // Assess
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/u/${token}?view=resubscribed`);
    expect(sentUpdates(ddb)).toEqual([
      expect.objectContaining({
        key: personKey(emailKey('anna@example.com')),
        set: { resubscribedAt: NOW.toISOString() },
        remove: ['optedOutAt'],
      }),
    ]);
  });

  it('answers an unknown action with 400 in the survey language and writes nothing', async () => {
    // Prepare
    givenLink(aLink('unsubscribe'), surveyItem({ locale: 'ru' }));

    // Act
    const response = await invoke(confirmOptOut, form('action=delete-everything'));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<html lang="ru">');
    expect(response.body).toContain('Не удалось понять, что сделать.');
    expect(response.body).not.toContain('action:');
    expectNoWrites(ddb);
  });

  it('records a one-click opt-out sent as multipart/form-data (RFC 8058 allows it)', async () => {
    // Prepare
    givenLink();
    const boundary = '----otklik';

    // Act
    const response = await invoke(
      confirmOptOut,
      optOutRequest('POST', {
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
      })
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('You are unsubscribed');
    expect(sentUpdates(ddb)).toEqual([
      expect.objectContaining({ setIfAbsent: { optedOutAt: NOW.toISOString() } }),
    ]);
  });

  it('answers JSON when the client accepts application/json', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(confirmOptOut, oneClick({ accept: 'application/json' }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ optedOut: true });
  });

  it('answers the done page without a write when the survey has no address', async () => {
    // Prepare
    givenLink(aLink('unsubscribe'), surveyItem({ requesterEmail: null }));

    // Act
    const response = await invoke(confirmOptOut, oneClick());

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('You are unsubscribed');
    expectNoWrites(ddb);
  });

  it('answers 404 for an unknown token and writes nothing', async () => {
    // Act
    const response = await invoke(confirmOptOut, oneClick());

    // Assess
    expectErrorPage(response, 404, 'ru');
    expectNoWrites(ddb);
  });

  it('answers 410 when the token is past its validUntil and writes nothing', async () => {
    // Prepare
    givenLink(aLink('unsubscribe', { validUntil: '2025-03-10T11:00:00.000Z' }));

    // Act
    const response = await invoke(confirmOptOut, oneClick());

    // Assess
    expectErrorPage(response, 410, 'ru');
    expectNoWrites(ddb);
  });

  it('answers 500 with an error page and no stack trace when the write fails', async () => {
    // Prepare
    givenLink();
    ddb.on(UpdateCommand).rejects(new Error('update failed: internal detail'));

    // Act
    const response = await invoke(confirmOptOut, oneClick());

    // Assess
    expectErrorPage(response, 500, 'ru');
    expect(response.body).not.toContain('internal detail');
  });
});
