import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { followUpKey } from '#shared/data/keys.ts';
import { emailKey } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { freezeDateAt } from '#test/helpers/clock.ts';
import { followUpItem, NOW, SURVEY_ID } from '#test/helpers/ddb-fixtures.ts';
import { handlerOf, invoke, STACK_TRACE } from '#test/helpers/http-event.ts';
import { aLink, expectNoWrites, linkPage, type LinkRequest } from '#test/helpers/page-fixtures.ts';
import { sentUpdates } from '#test/helpers/sent-commands.ts';

const { ddb, ses } = mockAws({ table: 'empty', workflows: 'accepting', mail: 'accepting' });
freezeDateAt(NOW);
const addCaseNote = handlerOf(() => import('#functions/follow-up/pages/add-case-note.ts'));
const reassignCasePage = handlerOf(
  () => import('#functions/follow-up/pages/reassign-case-page.ts')
);

const page = linkPage(ddb, {
  path: 'f',
  opens: followUpKey,
  byDefault: { link: aLink('case'), subject: followUpItem() },
});
const { givenLink } = page;
const post = (request: LinkRequest) =>
  page.request('POST', {
    ...request,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
const OWNER = `owner:${emailKey('owner@example.com')}`;
const putItems = () => ddb.commandCalls(PutCommand).map((call) => call.args[0].input.Item ?? {});

describe('Handler: add-case-note', () => {
  it('takes the case in progress with a note and answers 303 to the case page', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(addCaseNote, post({ body: 'note=Called+the+team' }));

    // Assess
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/f/${page.token}`);
    expect(sentUpdates(ddb)[0]?.setIfAbsent).toEqual({ inProgressAt: NOW.toISOString() });
    expect(putItems()).toEqual([
      expect.objectContaining({ kind: 'in-progress', by: OWNER }),
      expect.objectContaining({ kind: 'note', by: OWNER, text: 'Called the team' }),
    ]);
  });

  it('answers 400 in Russian when a case in progress gets an empty note, writing nothing', async () => {
    // Prepare
    givenLink(aLink('case'), followUpItem({ inProgressAt: NOW.toISOString() }));

    // Act
    const response = await invoke(addCaseNote, post({ body: 'note=' }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<li>Напишите заметку.</li>');
    expect(response.body).not.toContain('note:');
    expectNoWrites(ddb);
  });

  it('keeps a too-long note as typed and says how long it may be', async () => {
    // Prepare
    givenLink();
    const long = 'я'.repeat(2001);

    // Act
    const response = await invoke(addCaseNote, post({ body: `note=${encodeURIComponent(long)}` }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Заметка длиннее 2000 символов');
    expect(response.body).toContain(`${long}</textarea`);
    expectNoWrites(ddb);
  });

  it('answers 409 with what is on record for a resolved case', async () => {
    // Prepare
    givenLink(aLink('case'), followUpItem({ status: 'resolved', correctiveAction: 'Done' }));

    // Act
    const response = await invoke(addCaseNote, post({ body: 'note=late' }));

    // Assess
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Разбор уже закрыт');
    expectNoWrites(ddb);
  });
});

describe('Handler: reassign-case-page', () => {
  it('hands the case over as the admin API does: new link mailed, old one revoked, 303', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(
      reassignCasePage,
      post({ body: 'ownerEmail=Nina%40Example.com&ownerName=Nina+New' })
    );

    // Assess
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/f/${page.token}`);
    expect(sentUpdates(ddb)[0]).toMatchObject({
      key: followUpKey(SURVEY_ID),
      set: { owner: { email: 'nina@example.com', name: 'Nina New' } },
      // The owner generation counts up: every earlier owner link answers 410 from now on.
      add: { ownerGeneration: 1 },
    });
    expect(ses).toReceiveCommandWith(SendEmailCommand, {
      Destination: { ToAddresses: ['nina@example.com'] },
    });
    expect(putItems()).toContainEqual(
      expect.objectContaining({ kind: 'reassigned', by: OWNER, toName: 'Nina New' })
    );
  });

  it('answers 400 in Russian with what was typed for a bad address, mailing nobody', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(
      reassignCasePage,
      post({ body: 'ownerEmail=nina-at-example&ownerName=' })
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<li>Укажите адрес нового ответственного');
    expect(response.body).toContain('<li>Укажите имя нового ответственного.</li>');
    expect(response.body).toContain('value="nina-at-example"');
    expect(response.body).not.toMatch(STACK_TRACE);
    expect(ddb).not.toReceiveCommand(UpdateCommand);
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });
});
