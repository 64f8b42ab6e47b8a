import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import {
  BatchGetCommand,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  csiAggregateKey,
  followUpKey,
  responseKey,
  surveyKey,
  surveyTaskKey,
  tokenKey,
} from '#shared/data/keys.ts';
import { hashToken, mintToken } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { freezeDateAt } from '#test/helpers/clock.ts';
import { NOW, SURVEY_ID, surveyItem } from '#test/helpers/ddb-fixtures.ts';
import { FOLLOW_UP_ARN, handlerOf, invoke, STACK_TRACE } from '#test/helpers/http-event.ts';
import { aLink, expectErrorPage, linkPage } from '#test/helpers/page-fixtures.ts';
import { sentUpdates, writtenKeys } from '#test/helpers/sent-commands.ts';

const { ddb, sfn } = mockAws({ table: 'empty', workflows: 'accepting' });
freezeDateAt(NOW);
const handler = handlerOf(() => import('#functions/csi/pages/submit-rating.ts'));

const FORM = 'application/x-www-form-urlencoded';

const { givenLink, request } = linkPage(ddb, {
  path: 'r',
  opens: surveyKey,
  // A waiting workflow by default: it takes the score and opens any follow-up itself.
  byDefault: { link: aLink('rating'), subject: surveyItem({ taskToken: 'task-token-1' }) },
  headers: { 'accept-language': 'en', 'user-agent': 'Mozilla/5.0 (test)' },
});

const submit = ({
  body,
  contentType = FORM,
  accept = 'text/html',
  token,
}: {
  body: string;
  contentType?: string;
  accept?: string;
  token?: string;
}) =>
  request('POST', {
    headers: { 'content-type': contentType, accept },
    body,
    ...(token === undefined ? {} : { token }),
  });

const responsePut = () =>
  ddb
    .commandCalls(TransactWriteCommand)
    .flatMap((call) => call.args[0].input.TransactItems ?? [])
    .find((item) => item.Put?.Item?.sk === 'RESPONSE')?.Put;

describe('Handler: submit-rating', () => {
  it('records a form rating of 3 and answers 303 to the thank-you page (a reload re-sends nothing)', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(handler, submit({ body: 'score=3' }));

    // Assess
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/r\/[^/?]+\?thanks=1$/);
    expect(response.body).toBe('');
    // The rating's transaction, then the case of the low score.
    expect(ddb).toReceiveCommandTimes(TransactWriteCommand, 2);
    expect(responsePut()).toMatchObject({
      TableName: 'otklik-test',
      Item: {
        pk: `SURVEY#${SURVEY_ID}`,
        sk: 'RESPONSE',
        surveyId: SURVEY_ID,
        score: 3,
        reasons: [],
        comment: '',
        revision: 1,
        submittedAt: NOW.toISOString(),
        userAgent: 'Mozilla/5.0 (test)',
      },
    });
  });

  it('submits a top score in one round of reads (token, survey, task item), one transaction, the release', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(handler, submit({ body: 'score=5' }));

    // Assess: issue 8's round trips, listed in order
    expect(response.statusCode).toBe(303);
    const calls = [...ddb.calls(), ...sfn.calls()].map((call) => {
      const { input } = call.args[0];
      const sk = 'Key' in input ? input.Key?.['sk'] : undefined;
      return `${call.args[0].constructor.name}${typeof sk === 'string' ? ` ${sk}` : ''}`;
    });
    expect(calls).toEqual([
      'GetCommand TOKEN',
      'GetCommand SURVEY',
      'GetCommand TASK',
      'TransactWriteCommand',
      'SendTaskSuccessCommand',
    ]);
    const parts = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    const written = parts.map((part): unknown => part.Update?.Key ?? part.Put?.Item?.['sk']);
    expect(written).toEqual([
      surveyKey(SURVEY_ID),
      'RESPONSE',
      csiAggregateKey('2025-03-05', 'bu-fin#svc-payroll'),
    ]);
  });

  it("submits a top score on a mail's token in one read request, one transaction, the release", async () => {
    // Prepare: a token that names its survey, as the survey mail's do
    const named = `${SURVEY_ID}${mintToken()}`;
    ddb.on(BatchGetCommand).resolves({
      Responses: {
        'otklik-test': [
          { ...tokenKey(hashToken(named)), ...aLink('rating') },
          { ...surveyKey(SURVEY_ID), ...surveyItem() },
          { ...surveyTaskKey(SURVEY_ID), taskToken: 'task-token-2' },
        ],
      },
    });

    // Act
    const response = await invoke(handler, submit({ body: 'score=5', token: named }));

    // Assess: issue 8's round trips, in order
    expect(response.statusCode).toBe(303);
    const calls = [...ddb.calls(), ...sfn.calls()].map((call) => call.args[0].constructor.name);
    expect(calls).toEqual(['BatchGetCommand', 'TransactWriteCommand', 'SendTaskSuccessCommand']);
    expect(sfn).toReceiveCommandWith(SendTaskSuccessCommand, {
      taskToken: 'task-token-2',
      output: JSON.stringify({ score: 5 }),
    });
  });

  it('hands the score to the waiting workflow', async () => {
    // Prepare
    givenLink();

    // Act
    await invoke(handler, submit({ body: 'score=3' }));

    // Assess: the token is removed inside the rating's transaction, then released
    expect(ddb).not.toReceiveCommand(UpdateCommand);
    expect(sentUpdates(ddb)).toContainEqual(
      expect.objectContaining({
        key: surveyKey(SURVEY_ID),
        remove: ['gsi2pk', 'gsi2sk', 'taskToken', 'ratingKind'],
      })
    );
    expect(sfn).toReceiveCommandWith(SendTaskSuccessCommand, {
      taskToken: 'task-token-1',
      output: JSON.stringify({ score: 3 }),
    });
    // The workflow no longer opens the case: the rating does.
    expect(sfn).toReceiveCommandWith(StartExecutionCommand, {
      stateMachineArn: FOLLOW_UP_ARN,
      name: SURVEY_ID,
    });
  });

  it('records every ticked reason and the trimmed comment of a form', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(
      handler,
      submit({ body: 'score=2&reasons=speed&reasons=quality&reasons=speed&comment=++Too+slow++' })
    );

    // Assess
    expect(response.statusCode).toBe(303);
    expect(responsePut()?.Item).toMatchObject({
      score: 2,
      reasons: ['speed', 'quality'],
      comment: 'Too slow',
    });
  });

  it('records a JSON rating and answers JSON when asked', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(
      handler,
      submit({
        body: JSON.stringify({ score: 4, reasons: ['communication'] }),
        contentType: 'application/json',
        accept: 'application/json',
      })
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual({ score: 4, changed: false, followUp: true });
    expect(responsePut()?.Item).toMatchObject({ score: 4, reasons: ['communication'] });
  });

  it('answers a top score with no follow-up', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(handler, submit({ body: 'score=5', accept: 'application/json' }));

    // Assess
    expect(JSON.parse(response.body)).toEqual({ score: 5, changed: false, followUp: false });
  });

  it('replaces an earlier rating on top of the revision it read', async () => {
    // Prepare
    givenLink(aLink('rating'), surveyItem({ status: 'rated', score: 2, ratingRevision: 1 }));

    // Act
    const response = await invoke(handler, submit({ body: 'score=5', accept: 'application/json' }));

    // Assess
    expect(JSON.parse(response.body)).toEqual({ score: 5, changed: true, followUp: false });
    expect(responsePut()?.Item).toMatchObject({ score: 5, revision: 2 });
    expect(sentUpdates(ddb)).toContainEqual(
      expect.objectContaining({
        key: surveyKey(SURVEY_ID),
        set: expect.objectContaining({ score: 5, ratingRevision: 2 }),
        condition: expect.stringContaining('ratingRevision = 1'),
      })
    );
    expect(ddb).not.toReceiveCommandWith(GetCommand, { Key: responseKey(SURVEY_ID) });
  });

  it('opens the follow-up case of a low score, and starts its workflow', async () => {
    // Prepare
    givenLink(aLink('rating'), surveyItem());

    // Act
    const response = await invoke(handler, submit({ body: 'score=2' }));

    // Assess
    expect(response.statusCode).toBe(303);
    expect(writtenKeys(ddb)).toContainEqual(followUpKey(SURVEY_ID));
    expect(sfn).toReceiveCommandWith(StartExecutionCommand, {
      stateMachineArn: FOLLOW_UP_ARN,
      name: SURVEY_ID,
    });
  });

  it('says what is wrong in Russian, in words a person understands, on a Russian page', async () => {
    // Prepare
    givenLink(aLink('rating'), surveyItem({ locale: 'ru' }));

    // Act
    const response = await invoke(handler, submit({ body: `score=7&comment=${'я'.repeat(2001)}` }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<li>Выберите оценку от 1 до 5.</li>');
    expect(response.body).toContain('<li>Комментарий слишком длинный: не больше 2000 знаков.</li>');
    expect(response.body).not.toMatch(/<li>(score|comment):/);
  });

  it('answers 400 with the form and its errors for a score of 9', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(handler, submit({ body: 'score=9' }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('<form method="post">');
    expect(response.body).toContain('role="alert"');
    // In words a person understands, never `score: …`.
    expect(response.body).toContain('<li>Choose a score from 1 to 5.</li>');
    expect(response.body).not.toMatch(/<li>score:/);
    expect(response.body).not.toMatch(STACK_TRACE);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
    expect(sfn).not.toReceiveAnyCommand();
  });

  it('answers 400 as JSON with the errors for a score of 9', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(
      handler,
      submit({
        body: JSON.stringify({ score: 9 }),
        contentType: 'application/json',
        accept: 'application/json',
      })
    );

    // Assess
    expect(response.statusCode).toBe(400);
    const answer = JSON.parse(response.body);
    expect(answer.message).toBe('invalid rating');
    expect(answer.errors.map((e: { path: string }) => e.path)).toEqual(['score']);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers 400 for a body of another content type', async () => {
    // Prepare
    givenLink();

    // Act
    const response = await invoke(handler, submit({ body: 'score=3', contentType: 'text/plain' }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers 404 for an unknown token and records nothing', async () => {
    // Act
    const response = await invoke(handler, submit({ body: 'score=3' }));

    // Assess
    expectErrorPage(response, 404, 'en');
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers 410 when the token is past its validUntil and records nothing', async () => {
    // Prepare
    givenLink(aLink('rating', { validUntil: '2025-03-09T00:00:00.000Z' }));

    // Act
    const response = await invoke(handler, submit({ body: 'score=3' }));

    // Assess
    expectErrorPage(response, 410, 'en');
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers 410 when the survey closed before the submit', async () => {
    // Prepare
    givenLink(aLink('rating'), surveyItem({ closesAt: '2025-03-10T11:00:00.000Z' }));

    // Act
    const response = await invoke(handler, submit({ body: 'score=3' }));

    // Assess
    expectErrorPage(response, 410, 'en');
    expect(ddb).not.toReceiveCommand(TransactWriteCommand);
  });

  it('answers 500 with an error page and no stack trace when the write fails', async () => {
    // Prepare
    givenLink();
    ddb.on(TransactWriteCommand).rejects(new Error('write failed: internal detail'));

    // Act
    const response = await invoke(handler, submit({ body: 'score=3' }));

    // Assess
    expectErrorPage(response, 500, 'en');
    expect(response.body).not.toContain('internal detail');
  });

  it('answers 500 as JSON without a stack trace when the write fails', async () => {
    // Prepare
    givenLink();
    ddb.on(TransactWriteCommand).rejects(new Error('write failed: internal detail'));

    // Act
    const response = await invoke(handler, submit({ body: 'score=3', accept: 'application/json' }));

    // Assess
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ message: 'Internal Server Error' });
  });
});
