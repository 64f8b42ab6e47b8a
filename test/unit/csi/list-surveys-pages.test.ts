import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { followUpWorkListPartition, surveyKey, ticketSurveysEntry } from '#shared/data/keys.ts';
import { adminRequest, expectInvalidRequest } from '#test/helpers/admin-api.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { storedSurveyItem, SURVEY_ID } from '#test/helpers/ddb-fixtures.ts';
import { handlerOf, invoke } from '#test/helpers/http-event.ts';

const { ddb } = mockAws({ table: 'empty' });
const listSurveys = handlerOf(() => import('#functions/csi/api/list-surveys.ts'));

const request = (query: Record<string, string>) => adminRequest('GET /v1/surveys', { query });
/** The start key DynamoDB gives after a survey of ticket T-1 from `source`. */
const nextKey = (ticketId = 'T-1', source = 'naumen') => ({
  ...surveyKey(SURVEY_ID),
  ...ticketSurveysEntry(ticketId, source, '2026-12-01T10:00:00.000Z'),
});
const cursorOf = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');
const PROBLEM = 'not a cursor of this list: start again without it';

describe('Handler: list-surveys, a page at a time', () => {
  it('reads 50 surveys at most by default and says there are no more on the last page', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({ Items: [storedSurveyItem()] });

    // Act
    const response = await invoke(listSurveys, request({ ticketId: 'T-1' }));

    // Assess
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body);
    expect(body.surveys).toHaveLength(1);
    expect(body).not.toHaveProperty('nextCursor');
    expect(ddb).toReceiveCommandWith(QueryCommand, { Limit: 50, ExclusiveStartKey: undefined });
  });

  it('gives a nextCursor while there is more, and starts the next page where it points', async () => {
    // Prepare
    ddb.on(QueryCommand).resolvesOnce({
      Items: [storedSurveyItem()],
      LastEvaluatedKey: nextKey(),
    });

    // Act
    const first = await invoke(listSurveys, request({ ticketId: 'T-1', limit: '1' }));
    const { nextCursor } = JSON.parse(first.body) as { nextCursor: string };
    ddb.on(QueryCommand).resolves({ Items: [] });
    const second = await invoke(
      listSurveys,
      request({ ticketId: 'T-1', limit: '1', cursor: nextCursor })
    );

    // Assess: opaque (no key attribute readable in it), and the store's own key behind it.
    expect(first.statusCode).toBe(200);
    expect(nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(nextCursor).not.toContain('SURVEY');
    expect(second.statusCode).toBe(200);
    expect(JSON.parse(second.body)).toEqual({ surveys: [] });
    const calls = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(calls[0]?.Limit).toBe(1);
    expect(calls[1]?.ExclusiveStartKey).toEqual(nextKey());
  });

  it("keeps a source's cursor for that source's list", async () => {
    // Act
    const response = await invoke(
      listSurveys,
      request({ ticketId: 'T-1', source: 'naumen', cursor: cursorOf(nextKey('T-1', 'naumen')) })
    );

    // Assess
    expect(response.statusCode).toBe(200);
    expect(ddb).toReceiveCommandWith(QueryCommand, { ExclusiveStartKey: nextKey() });
  });

  it.each([
    ['a cursor that is not base64url', 'not a cursor!'],
    ['an empty cursor', ''],
    ['a cursor of garbage', cursorOf({ pk: 1 })],
    ['a cursor that is no JSON', Buffer.from('{"pk":').toString('base64url')],
    ['a cursor with an attribute too many', cursorOf({ ...nextKey(), extra: 'x' })],
    ["another ticket's cursor", cursorOf(nextKey('T-2'))],
    [
      "the cases list's cursor",
      cursorOf({
        ...surveyKey(SURVEY_ID),
        gsi2pk: followUpWorkListPartition('open').value,
        gsi2sk: '2026',
      }),
    ],
  ])('answers 400, saying to start again, to %s, reading nothing', async (_case, cursor) => {
    // Act
    const response = await invoke(listSurveys, request({ ticketId: 'T-1', cursor }));

    // Assess
    expectInvalidRequest(response, ['cursor']);
    expect(JSON.parse(response.body).errors[0].message).toBe(PROBLEM);
    expect(ddb).not.toReceiveCommand(QueryCommand);
  });

  it("answers 400 to another source's cursor, which DynamoDB would refuse with a 500", async () => {
    // Act: a cursor of the ticket's Jira surveys on the list of its Naumen ones.
    const response = await invoke(
      listSurveys,
      request({ ticketId: 'T-1', source: 'naumen', cursor: cursorOf(nextKey('T-1', 'jira')) })
    );

    // Assess
    expectInvalidRequest(response, ['cursor']);
    expect(ddb).not.toReceiveCommand(QueryCommand);
  });

  it.each([
    ['a limit of 0', '0'],
    ['a limit over 100', '101'],
    ['a limit that is not a number', 'many'],
  ])('answers 400 for %s', async (_case, limit) => {
    // Act
    const response = await invoke(listSurveys, request({ ticketId: 'T-1', limit }));

    // Assess
    expectInvalidRequest(response, ['limit']);
    expect(ddb).not.toReceiveCommand(QueryCommand);
  });
});
