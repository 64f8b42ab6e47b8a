import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { FollowUp } from '#shared/data/follow-up.ts';
import { followUpKey } from '#shared/data/keys.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import { adminRequest } from '#test/helpers/admin-api.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { freezeDateAt } from '#test/helpers/clock.ts';
import { followUpItem, givenStored, NOW, SURVEY_ID } from '#test/helpers/ddb-fixtures.ts';
import {
  context,
  handlerOf,
  invoke,
  stubHandlerEnv,
  stubSettings,
} from '#test/helpers/http-event.ts';
import { aLink, expectErrorPage, linkPage, type LinkRequest } from '#test/helpers/page-fixtures.ts';

/**
 * Everything the SSC's staff read, the case mails and the case pages with their error pages,
 * is in `sscLanguage`, whatever the requester's locale, the installation's `defaultLocale`
 * or the staff's browser. Here the SSC works in English while everything else says Russian,
 * so a mail or page that took its language from anywhere else comes out Russian and fails.
 */
const englishStaff = () => {
  stubHandlerEnv();
  stubSettings({ sscLanguage: 'en', defaultLocale: 'ru' });
};

const { ddb, ses } = mockAws({ table: 'empty', workflows: 'accepting', mail: 'accepting' });
freezeDateAt(NOW);
const load = (entry: () => Promise<{ readonly handler: unknown }>) =>
  handlerOf(entry, englishStaff);
const showCasePage = load(() => import('#functions/follow-up/pages/show-case-page.ts'));
const submitCasePage = load(() => import('#functions/follow-up/pages/submit-case-page.ts'));
const addCaseNote = load(() => import('#functions/follow-up/pages/add-case-note.ts'));
const reassignCasePage = load(() => import('#functions/follow-up/pages/reassign-case-page.ts'));
const notifyOwner = load(() => import('#functions/follow-up/tasks/notify-owner.ts'));
const escalate = load(() => import('#functions/follow-up/tasks/escalate-follow-up.ts'));
const assignFollowUp = load(() => import('#functions/follow-up/api/assign-follow-up.ts'));

/** A Russian requester's case. */
const russianCase = (overrides: Partial<FollowUp> = {}) =>
  followUpItem({ locale: 'ru', ...overrides });
const page = linkPage(ddb, {
  path: 'f',
  opens: followUpKey,
  byDefault: { link: aLink('case'), subject: russianCase() },
});
const { givenLink } = page;
/** A staff member whose browser asks for Russian. */
const request = (method: 'GET' | 'POST', { headers = {}, ...rest }: LinkRequest = {}) =>
  page.request(method, {
    headers: {
      'accept-language': 'ru-RU,ru;q=0.9',
      ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...headers,
    },
    ...rest,
  });

const sentMail = () => {
  const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
  return {
    to: input?.Destination?.ToAddresses,
    subject: input?.Content?.Simple?.Subject?.Data ?? '',
    text: input?.Content?.Simple?.Body?.Text?.Data ?? '',
    html: input?.Content?.Simple?.Body?.Html?.Data ?? '',
  };
};

describe('Staff language: the case pages', () => {
  it('shows the case in English to a Russian browser, for a Russian requester', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(showCasePage, request('GET'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain('Low rating follow-up');
    expect(response.body).not.toContain('Разбор оценки');
  });

  it.each([
    ['show', 'GET', showCasePage],
    ['submit', 'POST', submitCasePage],
    ['note', 'POST', addCaseNote],
    ['reassign', 'POST', reassignCasePage],
  ] as const)(
    'answers an unknown link of %s with a 404 page in English',
    async (_, method, handler) => {
      // Act: no link stored under the token.
      const response = await invoke(handler, request(method, { body: 'note=x' }));

      // Assess
      expectErrorPage(response, 404, 'en');
    }
  );

  it('answers an expired case link with a 410 page in English', async () => {
    // Prepare
    givenLink(aLink('case', { validUntil: '2025-03-01T00:00:00.000Z' }));

    // Act
    const response = await invoke(showCasePage, request('GET'));

    // Assess
    expectErrorPage(response, 410, 'en');
  });

  it('answers a failed write with a 500 page in English', async () => {
    // Prepare
    givenLink();
    ddb.on(TransactWriteCommand).rejects(new Error('write failed'));

    // Act
    const response = await invoke(
      submitCasePage,
      request('POST', {
        body: 'rootCause=process&correctiveAction=Retrained&notifyRequester=no',
      })
    );

    // Assess
    expectErrorPage(response, 500, 'en');
  });

  it('answers a body it cannot parse with a 400 page in English', async () => {
    // Prepare
    givenLink();

    // Act: JSON that is not JSON (the body parser refuses it).
    const response = await invoke(
      addCaseNote,
      request('POST', { body: '{"note":', headers: { 'content-type': 'application/json' } })
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain('Please check your answer');
  });

  it("says in English what to fix on the case page's forms", async () => {
    // Prepare
    givenLink();

    // Act
    const resolve = await invoke(submitCasePage, request('POST', { body: 'notifyRequester=no' }));
    const reassign = await invoke(
      reassignCasePage,
      request('POST', { body: 'ownerEmail=nobody&ownerName=' })
    );

    // Assess
    expect(resolve.statusCode).toBe(400);
    expect(resolve.body).toContain('Choose a root cause.');
    expect(reassign.statusCode).toBe(400);
    expect(reassign.body).toContain('Give the new owner&#39;s address');
  });

  it("says in English that a reassigned owner's link was handed over", async () => {
    // Prepare: the case moved on to a second owner (generation 1).
    givenLink(
      aLink('case', {
        holder: { role: 'owner', emailHash: emailKey('owner@example.com'), generation: 0 },
      }),
      russianCase({ owner: { email: 'nina@example.com', name: 'Nina' }, ownerGeneration: 1 })
    );

    // Act
    const response = await invoke(showCasePage, request('GET'));

    // Assess
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain('Case handed over');
  });
});

describe('Staff language: the case mails', () => {
  it("mails the owner in English for a Russian requester's case", async () => {
    // Prepare
    givenStored(ddb, followUpKey(SURVEY_ID), russianCase());

    // Act
    await notifyOwner({ followUpId: SURVEY_ID } as never, context);

    // Assess
    const mail = sentMail();
    expect(mail.to).toEqual(['owner@example.com']);
    expect(mail.subject).toBe('Follow up a score of 2 on request INC-1001');
    expect(mail.html).toContain('lang="en"');
  });

  it("mails the escalation contact in English for a Russian requester's case", async () => {
    // Prepare: open when read, overdue once marked.
    givenStored(
      ddb,
      followUpKey(SURVEY_ID),
      russianCase(),
      russianCase({ status: 'overdue', escalatedAt: NOW.toISOString() })
    );

    // Act
    await escalate({ followUpId: SURVEY_ID } as never, context);

    // Assess
    const mail = sentMail();
    expect(mail.to).toEqual(['lead@example.com']);
    expect(mail.subject).toBe('Overdue follow-up on request INC-1001');
  });

  it('mails a new owner named through the admin API in English', async () => {
    // Prepare
    givenStored(ddb, followUpKey(SURVEY_ID), russianCase());

    // Act
    const response = await invoke(
      assignFollowUp,
      adminRequest('POST /v1/follow-ups/{id}/assign', {
        pathParameters: { id: SURVEY_ID },
        body: { owner: { email: 'nina@example.com', name: 'Nina New' } },
      })
    );

    // Assess
    expect(response.statusCode).toBe(200);
    const mail = sentMail();
    expect(mail.to).toEqual(['nina@example.com']);
    expect(mail.subject).toBe('Follow up a score of 2 on request INC-1001');
  });
});
