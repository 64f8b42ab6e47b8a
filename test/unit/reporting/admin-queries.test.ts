import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  csiAggregateKey,
  csiAggregateMonthPartition,
  followUpKey,
  followUpWorkListPartition,
  ticketSourcePrefix,
  ticketSurveysPartition,
} from '#shared/data/keys.ts';
import {
  adminRequest,
  authorizedBy,
  expectInvalidRequest,
  PRINCIPALS,
} from '#test/helpers/admin-api.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import {
  followUpItem,
  storedFollowUpItem,
  storedSurveyItem,
  SURVEY_ID,
} from '#test/helpers/ddb-fixtures.ts';
import { handlerOf, invoke, STACK_TRACE } from '#test/helpers/http-event.ts';
import { partitionOf, readable } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws({ table: 'empty' });
const listSurveys = handlerOf(() => import('#functions/csi/api/list-surveys.ts'));
const getCsiMetrics = handlerOf(() => import('#functions/reporting/api/get-csi-metrics.ts'));
const listFollowUps = handlerOf(() => import('#functions/follow-up/api/list-follow-ups.ts'));
const getFollowUp = handlerOf(() => import('#functions/follow-up/api/get-follow-up.ts'));

describe('Handler: list-surveys', () => {
  const request = (query?: Record<string, string>) =>
    adminRequest('GET /v1/surveys', query ? { query } : {});

  it('answers 200 with the public fields of the ticket surveys, newest first', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({
      Items: [
        storedSurveyItem({
          status: 'rated',
          score: 4,
          taskToken: 'secret-task-token',
          clickCount: 2,
        }),
        { pk: 'SURVEY#broken', sk: 'SURVEY', surveyId: 'broken' },
      ],
    });

    // Act
    const response = await invoke(listSurveys, request({ ticketId: 'T-1' }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const { surveys } = JSON.parse(response.body);
    expect(surveys).toHaveLength(1);
    expect(surveys[0]).toMatchObject({
      surveyId: SURVEY_ID,
      ticketNumber: 'INC-1001',
      status: 'rated',
      score: 4,
      unconfirmedClicks: 2,
    });
    expect(response.body).not.toContain('secret-task-token');
    expect(response.body).not.toContain('anna@example.com');
    const partition = ticketSurveysPartition('T-1');
    expect(ddb).toReceiveCommandWith(QueryCommand, {
      TableName: 'otklik-test',
      IndexName: partition.index.indexName,
      ScanIndexForward: false,
    });
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(readable(query?.KeyConditionExpression, query ?? {})).toBe(
      `${partition.index.pk} = "${partition.value}"`
    );
  });

  it('narrows the query to one source when asked', async () => {
    // Act
    const response = await invoke(listSurveys, request({ ticketId: 'T-1', source: 'generic' }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ surveys: [] });
    const partition = ticketSurveysPartition('T-1');
    const query = ddb.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(readable(query?.KeyConditionExpression, query ?? {})).toBe(
      `${partition.index.pk} = "${partition.value}" AND begins_with(${partition.index.sk}, "${ticketSourcePrefix('generic')}")`
    );
  });

  it('answers 400 with the errors when ticketId is missing', async () => {
    // Act
    const response = await invoke(listSurveys, request());

    // Assess
    expectInvalidRequest(response, ['ticketId']);
    expect(JSON.parse(response.body).message).toBe('invalid request');
    expect(ddb).not.toReceiveCommand(QueryCommand);
  });

  it('answers 400 for a source longer than 50 characters', async () => {
    // Act
    const response = await invoke(
      listSurveys,
      request({ ticketId: 'T-1', source: 'x'.repeat(51) })
    );

    // Assess
    expectInvalidRequest(response, ['source']);
  });

  it('answers 500 without a stack trace when the query fails', async () => {
    // Prepare
    ddb.on(QueryCommand).rejects(new Error('query failed: internal detail'));

    // Act
    const response = await invoke(listSurveys, request({ ticketId: 'T-1' }));

    // Assess
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ message: 'Internal Server Error' });
    expect(response.body).not.toMatch(STACK_TRACE);
  });

  it('leaves out the surveys of units a unit viewer may not see', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({
      Items: [
        storedSurveyItem({ businessUnit: 'bu-fin' }),
        storedSurveyItem({ surveyId: 'f'.repeat(32), businessUnit: 'bu-hr' }),
      ],
    });

    // Act
    const response = await invoke(
      listSurveys,
      adminRequest('GET /v1/surveys', {
        query: { ticketId: 'T-1' },
        requestContext: authorizedBy({ ...PRINCIPALS.cfo, units: ['bu-hr'] }),
      })
    );

    // Assess
    expect(response.statusCode).toBe(200);
    const { surveys } = JSON.parse(response.body);
    expect(surveys.map((s: { surveyId: string }) => s.surveyId)).toEqual(['f'.repeat(32)]);
  });
});

describe('Handler: get-csi-metrics', () => {
  const request = (query: Record<string, string>) => adminRequest('GET /v1/metrics/csi', { query });

  const aggregate = (
    day: string,
    dimension: string,
    names: [string, string],
    counters: object
  ) => ({
    ...csiAggregateKey(day, dimension),
    day,
    dimension,
    businessUnitName: names[0],
    serviceName: names[1],
    ...counters,
  });

  /** The month partitions of the aggregates, as the table would answer them. */
  const months: Record<string, unknown[]> = {};
  beforeEach(() => {
    ddb.on(QueryCommand).callsFake((input: Parameters<typeof partitionOf>[0]) => ({
      Items: months[String(partitionOf(input))] ?? [],
    }));
    months[csiAggregateMonthPartition('2025-02').value] = [
      aggregate('2025-02-28', 'bu-fin#svc-payroll', ['Finance', 'Payroll'], {
        sent: 3,
        rated: 2,
        scoreSum: 9,
        d4: 1,
        d5: 1,
        clicks: 1,
      }),
    ];
    months[csiAggregateMonthPartition('2025-03').value] = [
      aggregate('2025-03-01', 'bu-hr#svc-hiring', ['HR', 'Hiring'], {
        sent: 2,
        rated: 1,
        scoreSum: 2,
        d2: 1,
        followUpsOpened: 1,
      }),
      aggregate('2025-03-10', 'bu-fin#svc-payroll', ['Finance', 'Payroll'], {
        sent: 10,
        rated: 10,
        scoreSum: 50,
        d5: 10,
      }),
    ];
  });

  it('answers 200 with the CSI of the period from the month aggregates', async () => {
    // Act
    const response = await invoke(getCsiMetrics, request({ from: '2025-02-27', to: '2025-03-05' }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      from: '2025-02-27',
      to: '2025-03-05',
      businessUnit: null,
      service: null,
      sent: 5,
      rated: 3,
      responseRate: 0.6,
      average: 3.6667,
      confidenceInterval95: { low: 1, high: 5 },
      distribution: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 },
      // The default policy (balanced) names what the figure includes; nothing inferred here.
      policy: 'balanced',
      includes: ['confirmed', 'inferred'],
      confirmed: { rated: 3, average: 3.6667, distribution: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 } },
      inferred: { rated: 0, average: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
      rejectedAsScanner: 0,
      unconfirmedClicks: 1,
      followUpsOpened: 1,
      followUpsResolved: 0,
    });
    expect(ddb).toReceiveCommandTimes(QueryCommand, 2);
  });

  it('filters by a business unit name', async () => {
    // Act
    const response = await invoke(
      getCsiMetrics,
      request({ from: '2025-02-27', to: '2025-03-05', businessUnit: 'Finance' })
    );

    // Assess
    expect(JSON.parse(response.body)).toMatchObject({
      businessUnit: 'Finance',
      sent: 3,
      rated: 2,
      average: 4.5,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 },
    });
  });

  it.each([
    ['from is after to', { from: '2025-03-05', to: '2025-03-01' }, ['from']],
    ['to is missing', { from: '2025-03-01' }, ['to']],
    ['a day is not ISO', { from: '01.03.2025', to: '2025-03-05' }, ['from']],
    ['the period is longer than two years', { from: '2022-01-01', to: '2025-01-01' }, ['to']],
    // No team cut yet: all-unit totals must not come back as if they were the team's.
    ['a team is asked for', { from: '2025-03-01', to: '2025-03-05', team: 'payroll' }, ['(body)']],
  ])('answers 400 with the errors when %s', async (_case, query, paths) => {
    // Act
    const response = await invoke(getCsiMetrics, request(query));

    // Assess
    expectInvalidRequest(response, paths);
    expect(ddb).not.toReceiveCommand(QueryCommand);
  });

  describe('scoped to the units one may see', () => {
    const hrViewer = { ...PRINCIPALS.cfo, units: ['bu-hr'] };
    const asViewer = (query: Record<string, string>) =>
      adminRequest('GET /v1/metrics/csi', { query, requestContext: authorizedBy(hrViewer) });

    it("counts a unit viewer's own unit only", async () => {
      // Act
      const response = await invoke(
        getCsiMetrics,
        asViewer({ from: '2025-02-27', to: '2025-03-05' })
      );

      // Assess: bu-hr's one rating of 2; Finance's (bu-fin) left out.
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ sent: 2, rated: 1, average: 2 });
    });

    it("answers 403 to a unit viewer asking for another unit's numbers, and reads nothing", async () => {
      // Act
      const response = await invoke(
        getCsiMetrics,
        asViewer({ from: '2025-02-27', to: '2025-03-05', businessUnit: 'bu-fin' })
      );

      // Assess
      expect(response.statusCode).toBe(403);
      expect(ddb).not.toReceiveCommand(QueryCommand);
    });

    it('answers 403 to a case owner, who sees no numbers', async () => {
      // Act
      const response = await invoke(
        getCsiMetrics,
        adminRequest('GET /v1/metrics/csi', {
          query: { from: '2025-02-27', to: '2025-03-05' },
          requestContext: authorizedBy(PRINCIPALS.owner),
        })
      );

      // Assess
      expect(response.statusCode).toBe(403);
    });
  });
});

describe('Handler: list-follow-ups', () => {
  const request = (query?: Record<string, string>) =>
    adminRequest('GET /v1/follow-ups', query ? { query } : {});

  it('answers 200 with the open cases, 50 at most, by default', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({
      Items: [storedFollowUpItem({ taskToken: 'secret-task-token' }), { pk: 'FOLLOWUP#broken' }],
    });

    // Act
    const response = await invoke(listFollowUps, request());

    // Assess
    expect(response.statusCode).toBe(200);
    const { followUps } = JSON.parse(response.body);
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({ followUpId: SURVEY_ID, status: 'open', score: 2 });
    expect(followUps[0]).not.toHaveProperty('taskToken');
    // All units' open cases, earliest due first.
    const partition = followUpWorkListPartition('open');
    expect(ddb).toReceiveCommandWith(QueryCommand, {
      IndexName: partition.index.indexName,
      Limit: 50,
    });
    expect(partitionOf(ddb.commandCalls(QueryCommand)[0]?.args[0].input ?? {})).toBe(
      partition.value
    );
  });

  it('answers the cases of the status and limit asked for', async () => {
    // Act
    const response = await invoke(listFollowUps, request({ status: 'overdue', limit: '10' }));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(ddb).toReceiveCommandWith(QueryCommand, { Limit: 10 });
    expect(partitionOf(ddb.commandCalls(QueryCommand)[0]?.args[0].input ?? {})).toBe(
      followUpWorkListPartition('overdue').value
    );
  });

  it.each([
    ['an unknown status', { status: 'closed' }, ['status']],
    ['a limit of 0', { limit: '0' }, ['limit']],
    ['a limit over 100', { limit: '101' }, ['limit']],
    ['a limit that is not a number', { limit: 'many' }, ['limit']],
    ['an unknown parameter', { status: 'open', team: 'payroll' }, ['(body)']],
    ['a cursor that is no base64url', { cursor: 'not a cursor!' }, ['cursor']],
    ['a cursor of garbage', { cursor: Buffer.from('{"pk":1}').toString('base64url') }, ['cursor']],
  ])('answers 400 with the errors for %s', async (_case, query, paths) => {
    // Act
    const response = await invoke(listFollowUps, request(query));

    // Assess
    expectInvalidRequest(response, paths);
    expect(ddb).not.toReceiveCommand(QueryCommand);
  });

  describe('pagination', () => {
    const nextKey = (status: 'open' | 'overdue') => ({
      pk: `FOLLOWUP#${SURVEY_ID}`,
      sk: 'FOLLOWUP',
      gsi2pk: followUpWorkListPartition(status).value,
      gsi2sk: '2026-12-01T10:00:00.000Z',
    });

    it('gives a nextCursor while there is more, and starts the next page where it points', async () => {
      // Prepare
      ddb.on(QueryCommand).resolvesOnce({
        Items: [storedFollowUpItem()],
        LastEvaluatedKey: nextKey('open'),
      });

      // Act
      const first = await invoke(listFollowUps, request({ limit: '1' }));
      const { nextCursor } = JSON.parse(first.body) as { nextCursor: string };
      ddb.on(QueryCommand).resolves({ Items: [] });
      const second = await invoke(listFollowUps, request({ limit: '1', cursor: nextCursor }));

      // Assess
      expect(first.statusCode).toBe(200);
      expect(second.statusCode).toBe(200);
      expect(JSON.parse(second.body)).toEqual({ followUps: [] });
      expect(ddb.commandCalls(QueryCommand)[1]?.args[0].input.ExclusiveStartKey).toEqual(
        nextKey('open')
      );
    });

    it("answers 400, saying to start again, to another list's cursor", async () => {
      // Act
      const cursor = Buffer.from(JSON.stringify(nextKey('overdue'))).toString('base64url');
      const response = await invoke(listFollowUps, request({ status: 'open', cursor }));

      // Assess
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.body)).toEqual({
        message: 'invalid request',
        errors: [{ path: 'cursor', message: 'not a cursor of this list: start again without it' }],
      });
      expect(ddb).not.toReceiveCommand(QueryCommand);
    });
  });
});

describe('Handler: get-follow-up', () => {
  const request = (id: string) =>
    adminRequest('GET /v1/follow-ups/{id}', { pathParameters: { id } });

  it('answers 200 with the case, without its task token', async () => {
    // Prepare
    ddb
      .on(GetCommand, { Key: followUpKey(SURVEY_ID) })
      .resolves({ Item: followUpItem({ taskToken: 'secret-task-token' }) });

    // Act
    const response = await invoke(getFollowUp, request(SURVEY_ID));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      followUpId: SURVEY_ID,
      ticketNumber: 'INC-1001',
      owner: { email: 'owner@example.com', name: 'Olga Owner' },
    });
    expect(response.body).not.toContain('secret-task-token');
  });

  it('answers 404 for an unknown id', async () => {
    // Act
    const response = await invoke(getFollowUp, request('ffffffffffffffffffffffffffffffff'));

    // Assess
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ message: 'Not Found' });
    expect(ddb).toReceiveCommandWith(GetCommand, {
      Key: followUpKey('ffffffffffffffffffffffffffffffff'),
    });
  });

  it('answers 400 without reading the table for a malformed id', async () => {
    // Act
    const response = await invoke(getFollowUp, request('INC-1001'));

    // Assess
    expectInvalidRequest(response, ['id']);
    expect(ddb).not.toReceiveCommand(GetCommand);
  });
});
