import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { followUpKey, responseKey } from '#shared/data/keys.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { freezeDateAt } from '#test/helpers/clock.ts';
import { followUpItem, NOW, responseItem, SURVEY_ID } from '#test/helpers/ddb-fixtures.ts';
import { handlerOf, invoke, STACK_TRACE } from '#test/helpers/http-event.ts';
import {
  aLink,
  expectErrorPage,
  expectNoWrites,
  linkPage,
  type LinkRequest,
} from '#test/helpers/page-fixtures.ts';
import { transactionCanceled } from '#test/helpers/sdk-errors.ts';
import { expectOneTransactionUpdating, sentUpdates } from '#test/helpers/sent-commands.ts';

const { ddb, sfn } = mockAws({ table: 'empty', workflows: 'accepting' });
freezeDateAt(NOW);
const showCasePage = handlerOf(() => import('#functions/follow-up/pages/show-case-page.ts'));
const submitCasePage = handlerOf(() => import('#functions/follow-up/pages/submit-case-page.ts'));

const FORM = 'application/x-www-form-urlencoded';
const VALID_FORM =
  'rootCause=process&correctiveAction=Retrained+the+payroll+team&notifyRequester=yes&messageToRequester=We+fixed+it';

const page = linkPage(ddb, {
  path: 'f',
  opens: followUpKey,
  byDefault: { link: aLink('case'), subject: followUpItem({ taskToken: 'case-task-token' }) },
});
const { givenLink } = page;

const NEW_OWNER = { email: 'nina.new@example.com', name: 'Nina New' };
/** The case after one reassignment (from owner@example.com to Nina). */
const reassignedCase = followUpItem({ owner: NEW_OWNER, ownerGeneration: 1 });
const ownerLink = (email: string, generation: number) =>
  aLink('case', { holder: { role: 'owner', emailHash: emailKey(email), generation } });
const escalationLink = aLink('case', {
  holder: { role: 'escalation', emailHash: emailKey('lead@example.com') },
});
/** A form post unless GET. */
const caseRequest = (method: 'GET' | 'POST', { headers = {}, ...request }: LinkRequest = {}) =>
  page.request(method, {
    headers: { ...(method === 'POST' ? { 'content-type': FORM } : {}), ...headers },
    ...request,
  });

describe('Handler: show-case-page', () => {
  it('answers 200 with the case and the resolution form, writing nothing', async () => {
    // Prepare
    givenLink(aLink('case'), followUpItem({ comment: 'Took <i>two weeks</i>' }));

    // Act
    const response = await invoke(showCasePage, caseRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    // In the SSC's language (ru by default), though the requester's is English.
    expect(response.body).toContain('<html lang="ru">');
    expect(response.body).toContain('Разбор оценки');
    expect(response.body).toContain('Запрос INC-1001');
    expect(response.body).toContain('<dd><strong>2</strong></dd>');
    expect(response.body).toContain('Took &lt;i&gt;two weeks&lt;/i&gt;');
    expect(response.body).toContain('<dd>Скорость</dd>');
    expect(response.body).toContain('<dd>Payroll</dd>');
    expect(response.body).toContain('<dd>Finance</dd>');
    // Due 2025-03-12T00:00Z, in Moscow time.
    expect(response.body).toContain('12 мар. 2025 г., 03:00');
    expect(response.body).not.toContain('UTC');
    // The owner's link shows the requester's address.
    expect(response.body).toContain('href="mailto:anna@example.com"');
    expect(response.body).toContain('Разбор открыт');
    expect(response.body).toContain('name="correctiveAction"');
    expectNoWrites(ddb);
  });

  it("lists the requester's other ratings newest first: date in Moscow time, ticket, score, comment or not", async () => {
    // Prepare: the person's ratings on the index, this case's own among them
    givenLink();
    const rating = (
      surveyId: string,
      ticketNumber: string,
      at: string,
      score: number,
      comment = ''
    ) => ({
      ...responseItem({ surveyId, score, comment, submittedAt: at }),
      ...responseKey(surveyId),
      ticketNumber,
    });
    ddb.on(QueryCommand, { IndexName: 'gsi1' }).resolves({
      Items: [
        rating(SURVEY_ID, 'INC-1001', '2025-03-06T10:00:00.000Z', 2),
        rating('s-older', 'INC-0900', '2025-02-01T21:30:00.000Z', 1, 'Slow <again>'),
        rating('s-oldest', 'INC-0800', '2025-01-15T08:00:00.000Z', 5),
      ],
    });

    // Act
    const response = await invoke(showCasePage, caseRequest('GET'));

    // Assess: one query of the index by the address hash, for one more than shown
    expect(ddb).toReceiveCommandWith(QueryCommand, {
      IndexName: 'gsi1',
      ExpressionAttributeValues: { ':v0': `REQUESTER#${emailKey('anna@example.com')}` },
      ScanIndexForward: false,
      Limit: 6,
    });
    const list = /Прежние оценки этого человека<\/h2>\s*<ul class="plain">([\s\S]*?)<\/ul>/.exec(
      response.body
    )?.[1];
    const lines = (list ?? '')
      .split('</li>')
      .map((line) =>
        line
          .replace(/<[^>]+>/g, '')
          .replace(/\s+/g, ' ')
          .trim()
      )
      .filter((line) => line !== '');
    expect(lines).toEqual([
      '2 февр. 2025 г., 00:30 · Запрос INC-0900: оценка 1 · с комментарием',
      '15 янв. 2025 г., 11:00 · Запрос INC-0800: оценка 5',
    ]);
    // The comment itself stays on its own case.
    expect(response.body).not.toContain('Slow');
    expectNoWrites(ddb);
  });

  it('says there are no earlier ratings when the index has only this one', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(showCasePage, caseRequest('GET'));

    // Assess
    expect(response.body).toContain('Прежних оценок нет.');
  });

  it('answers the resolved page for a resolved case', async () => {
    // Prepare
    givenLink(aLink('case'), followUpItem({ status: 'resolved' }));

    // Act
    const response = await invoke(showCasePage, caseRequest('GET'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Что записано');
    expect(response.body).not.toContain('<form');
  });

  it("answers 404 for an unknown token, in the SSC's language whatever the browser's", async () => {
    // Act
    const response = await invoke(
      showCasePage,
      caseRequest('GET', { headers: { 'accept-language': 'en' } })
    );

    // Assess: a staff page, so Russian (sscLanguage) as the case page itself, not English.
    expectErrorPage(response, 404, 'ru');
  });

  it('answers 404 for a rating token on a case route', async () => {
    // Prepare
    givenLink(aLink('rating'));

    // Act
    const response = await invoke(showCasePage, caseRequest('GET'));

    // Assess
    expectErrorPage(response, 404, 'ru');
  });

  it('answers 410 when the case link is past its validUntil', async () => {
    // Prepare
    givenLink(aLink('case', { validUntil: '2025-03-10T00:00:00.000Z' }));

    // Act
    const response = await invoke(showCasePage, caseRequest('GET'));

    // Assess
    expectErrorPage(response, 410, 'ru');
  });

  it('answers 410 for the link of an owner the case was reassigned from', async () => {
    // Prepare
    givenLink(ownerLink('owner@example.com', 0), reassignedCase);

    // Act
    const response = await invoke(showCasePage, caseRequest('GET'));

    // Assess: gone, and the page says why.
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain('Разбор передан');
    expect(response.body).not.toContain('<form');
  });

  it("opens the new owner's link and the escalation contact's after a reassignment", async () => {
    // Prepare
    givenLink(ownerLink(NEW_OWNER.email, 1), reassignedCase);

    // Act
    const newOwners = await invoke(showCasePage, caseRequest('GET'));
    givenLink(escalationLink, reassignedCase);
    const escalations = await invoke(showCasePage, caseRequest('GET'));

    // Assess
    expect(newOwners.statusCode).toBe(200);
    expect(newOwners.body).toContain('name="correctiveAction"');
    expect(escalations.statusCode).toBe(200);
    // Only the owner's link shows the requester's address.
    expect(newOwners.body).toContain('anna@example.com');
    expect(escalations.body).not.toContain('anna@example.com');
    expect(escalations.body).toContain('<dd>Anna</dd>');
  });

  it('answers an error page without a stack trace when the case behind a link is missing', async () => {
    // Prepare
    givenLink(aLink('case'), null);

    // Act
    const response = await invoke(showCasePage, caseRequest('GET'));

    // Assess
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.body).not.toContain('<form');
    expect(response.body).not.toContain(SURVEY_ID);
    expect(response.body).not.toMatch(STACK_TRACE);
  });
});

describe('Handler: submit-case-page', () => {
  it('resolves the case in one transaction and answers 303 to the case page', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }));

    // Assess: see the case page, so a refresh re-sends nothing.
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/f/${page.token}`);
    expectOneTransactionUpdating(ddb, followUpKey(SURVEY_ID), {
      set: {
        status: 'resolved',
        rootCause: 'process',
        correctiveAction: 'Retrained the payroll team',
        notifyRequester: true,
        messageToRequester: 'We fixed it',
        // A link from before holders were recorded is the owner's (no reassignment since).
        resolvedBy: `owner:${emailKey('owner@example.com')}`,
        resolvedAt: NOW.toISOString(),
      },
      condition: 'status IN ("open", "overdue")',
    });
  });

  it("records the link's holder as the resolver, never an address", async () => {
    // Prepare
    givenLink(escalationLink, reassignedCase);

    // Act
    const response = await invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }));

    // Assess
    expect(response.statusCode).toBe(303);
    const [update] = sentUpdates(ddb);
    expect(update?.set).toMatchObject({ resolvedBy: `escalation:${emailKey('lead@example.com')}` });
    expect(JSON.stringify(update)).not.toContain('@example.com');
  });

  it("records the new owner as the resolver through the new owner's link", async () => {
    // Prepare
    givenLink(ownerLink(NEW_OWNER.email, 1), reassignedCase);

    // Act
    await invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }));

    // Assess
    expect(sentUpdates(ddb)[0]?.set).toMatchObject({
      resolvedBy: `owner:${emailKey(NEW_OWNER.email)}`,
    });
  });

  it('answers 410 for the link of an owner the case was reassigned from and writes nothing', async () => {
    // Prepare
    givenLink(ownerLink('owner@example.com', 0), reassignedCase);

    // Act
    const response = await invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }));

    // Assess
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain('Разбор передан');
    expectNoWrites(ddb);
    expect(sfn).not.toReceiveAnyCommand();
  });

  it('releases the waiting case workflow', async () => {
    // Prepare
    givenLink();

    // Act
    await invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }));

    // Assess
    expect(sfn).toReceiveCommandWith(SendTaskSuccessCommand, {
      taskToken: 'case-task-token',
      output: JSON.stringify({ resolved: true }),
    });
  });

  it('takes "do not tell them" as no closing mail, dropping any message', async () => {
    // Prepare
    givenLink();

    // Act
    await invoke(
      submitCasePage,
      caseRequest('POST', {
        body: 'rootCause=system&correctiveAction=Fixed+the+export&notifyRequester=no&messageToRequester=x',
      })
    );

    // Assess
    expect(sentUpdates(ddb)).toContainEqual(
      expect.objectContaining({
        key: followUpKey(SURVEY_ID),
        set: expect.objectContaining({ notifyRequester: false, messageToRequester: '' }),
      })
    );
  });

  it('answers 400 with the form again when correctiveAction is missing', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(
      submitCasePage,
      caseRequest('POST', { body: 'rootCause=process&notifyRequester=yes' })
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('Разбор оценки');
    expect(response.body).toContain('name="correctiveAction"');
    expect(response.body).toContain('<li>Опишите корректирующее действие.</li>');
    // The message is required when the requester is to be told; nothing of zod's wording.
    expect(response.body).toContain('<li>Напишите письмо автору запроса');
    expect(response.body).not.toContain('correctiveAction:');
    // What was chosen stays chosen.
    expect(response.body).toMatch(/<option value="process" selected>/);
    expectNoWrites(ddb);
    expect(sfn).not.toReceiveAnyCommand();
  });

  it('answers 400 for a blank correctiveAction and an unknown root cause', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(
      submitCasePage,
      caseRequest('POST', { body: 'rootCause=bad-luck&correctiveAction=+++' })
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<li>Выберите корневую причину.</li>');
    expect(response.body).toContain('<li>Опишите корректирующее действие.</li>');
    expectNoWrites(ddb);
  });

  it('answers 409 with the recorded resolution when another resolve won meanwhile', async () => {
    // Prepare: open when the link was read, resolved by the time the write came
    givenLink();
    ddb
      .on(GetCommand, { Key: followUpKey(SURVEY_ID) })
      .resolvesOnce({ Item: followUpItem() })
      .resolves({
        Item: followUpItem({
          status: 'resolved',
          rootCause: 'system',
          correctiveAction: 'Fixed the <b>export</b>',
          resolvedAt: '2025-03-10T11:59:00.000Z',
        }),
      });
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None'));

    // Act
    const response = await invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }));

    // Assess
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Разбор уже закрыт');
    expect(response.body).toContain('Система или инструмент');
    expect(response.body).toContain('Fixed the &lt;b&gt;export&lt;/b&gt;');
    expect(response.body).toContain('10 мар. 2025 г., 14:59');
    expect(response.body).not.toContain('<form');
    expect(sfn).not.toReceiveCommand(SendTaskSuccessCommand);
  });

  it('applies one of ten resolves at once and answers the other nine 409', async () => {
    // Prepare: the first transaction wins, every later one finds the case resolved
    givenLink();
    ddb
      .on(TransactWriteCommand)
      .resolvesOnce({})
      .rejects(transactionCanceled('ConditionalCheckFailed', 'None'));

    // Act
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }))
      )
    );

    // Assess
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([303, ...Array.from({ length: 9 }, () => 409)]);
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 10);
  });

  it('answers 409, writing nothing, for a second resolve of a resolved case', async () => {
    // Prepare
    givenLink(
      aLink('case'),
      followUpItem({ status: 'resolved', rootCause: 'process', correctiveAction: 'Retrained' })
    );

    // Act
    const response = await invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }));

    // Assess
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('ваша форма не записана');
    expect(response.body).toContain('Retrained');
    expectNoWrites(ddb);
  });

  it('shows the current score of a changed rating, the opening one, and that it was lifted', async () => {
    // Prepare
    givenLink(
      aLink('case'),
      followUpItem({ score: 5, openingScore: 3, liftedAboveThresholdAt: NOW.toISOString() })
    );

    // Act
    const response = await invoke(showCasePage, caseRequest('GET'));

    // Assess
    expect(response.body).toContain('<strong>5</strong> (изменена, при открытии была 3)');
    expect(response.body).toContain('она теперь не ниже порога разбора');
  });

  it('answers 404 for an unknown token and writes nothing', async () => {
    // Act
    const response = await invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }));

    // Assess
    expectErrorPage(response, 404, 'ru');
    expectNoWrites(ddb);
  });

  it('answers 410 when the case link is past its validUntil and writes nothing', async () => {
    // Prepare
    givenLink(aLink('case', { validUntil: '2025-03-01T00:00:00.000Z' }));

    // Act
    const response = await invoke(submitCasePage, caseRequest('POST', { body: VALID_FORM }));

    // Assess
    expectErrorPage(response, 410, 'ru');
    expectNoWrites(ddb);
  });

  it('answers 500 with an error page and no stack trace when the write fails', async () => {
    // Prepare
    givenLink();
    ddb.on(TransactWriteCommand).rejects(new Error('write failed: internal detail'));

    // Act
    const response = await invoke(
      submitCasePage,
      caseRequest('POST', { body: VALID_FORM, headers: { 'accept-language': 'en' } })
    );

    // Assess: in the SSC's language (ru), not the browser's.
    expectErrorPage(response, 500, 'ru');
    expect(response.body).not.toContain('internal detail');
  });
});
