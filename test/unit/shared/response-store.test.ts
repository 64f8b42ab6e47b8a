import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { emailKey } from '#shared/kernel/tokens.ts';
import { describe, expect, it } from 'vitest';
import { responseStore } from '#shared/data/response-store.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, NOW, SURVEY_ID, TABLE } from '#test/helpers/ddb-fixtures.ts';
import { decodeUpdate, expectNewItemOnly } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws();
const responses = responseStore({ db: documentClient(), tableName: TABLE });
const KEY = { pk: `SURVEY#${SURVEY_ID}`, sk: 'RESPONSE' };
const rating = { score: 4, reasons: ['speed'], comment: 'ok', submittedAt: NOW.toISOString() };

describe('Store: responses', () => {
  it('writes the first rating once, beside the survey, at revision 0', () => {
    // Act
    const part = responses.firstItem(SURVEY_ID, rating, 'UA');

    // Assess
    expect(part.Put?.Item).toEqual({
      ...KEY,
      surveyId: SURVEY_ID,
      ...rating,
      userAgent: 'UA',
      revision: 0,
    });
    expectNewItemOnly(part.Put);
  });

  it('replaces a rating only on top of the revision read', () => {
    // Act
    const part = responses.changeItem(SURVEY_ID, 2, { ...rating, score: 1 });

    // Assess
    expect(part.Update?.Key).toEqual(KEY);
    expect(decodeUpdate(part.Update)).toMatchObject({
      set: { ...rating, score: 1, revision: 3 },
      condition: 'revision = 2',
    });
  });

  it('reads a response back parsed', async () => {
    // Prepare
    ddb
      .on(GetCommand)
      .resolves({ Item: { ...KEY, surveyId: SURVEY_ID, ...rating, revision: 1, userAgent: 'UA' } });

    // Act
    const found = await responses.find(SURVEY_ID);

    // Assess
    expect(found).toEqual({ surveyId: SURVEY_ID, ...rating, revision: 1 });
  });

  it("puts a rating on the person's ratings (gsi1, by the address hash) with its ticket", () => {
    // Act
    const part = responses.putRatingItem(
      { surveyId: SURVEY_ID, ticketNumber: 'INC-1001', requesterEmail: ' Anna@Example.com' },
      rating,
      'UA',
      2
    );

    // Assess: keyed by the hash of the normalised address, never the address
    expect(part.Put?.Item).toEqual({
      ...KEY,
      gsi1pk: `REQUESTER#${emailKey('anna@example.com')}`,
      gsi1sk: rating.submittedAt,
      surveyId: SURVEY_ID,
      ticketNumber: 'INC-1001',
      ...rating,
      userAgent: 'UA',
      revision: 2,
    });
    expect(JSON.stringify(part)).not.toMatch(/anna@example\.com/i);
  });

  it('leaves a survey without an address off the index (a sparse entry)', () => {
    // Act
    const part = responses.putRatingItem(
      { surveyId: SURVEY_ID, ticketNumber: 'INC-1001', requesterEmail: null },
      rating,
      'UA',
      1
    );

    // Assess
    expect(part.Put?.Item).not.toHaveProperty('gsi1pk');
    expect(part.Put?.Item).not.toHaveProperty('gsi1sk');
  });

  it("reads a person's latest ratings newest first: one page of the index, then the items", async () => {
    // Prepare
    const newer = { ...KEY, pk: 'SURVEY#s-2', surveyId: 's-2', ticketNumber: 'INC-2' };
    const older = { ...KEY, pk: 'SURVEY#s-1', surveyId: 's-1', ticketNumber: 'INC-1' };
    ddb.on(QueryCommand).resolves({
      Items: [newer, older].map(({ pk, sk }) => ({ pk, sk })),
      LastEvaluatedKey: { pk: 'SURVEY#s-1', sk: 'RESPONSE' },
    });
    ddb.on(BatchGetCommand).resolves({
      Responses: {
        [TABLE]: [older, newer].map((item) => ({ ...item, ...rating, revision: 0 })),
      },
    });

    // Act
    const found = await responses.byRequester('anna@example.com', 3);

    // Assess: in the index's order, one page only (the limit), parsed
    expect(found.map((r) => r.ticketNumber)).toEqual(['INC-2', 'INC-1']);
    expect(ddb).toReceiveCommandTimes(QueryCommand, 1);
    expect(ddb).toReceiveCommandWith(QueryCommand, {
      TableName: TABLE,
      IndexName: 'gsi1',
      ScanIndexForward: false,
      Limit: 3,
      ExpressionAttributeValues: { ':v0': `REQUESTER#${emailKey('anna@example.com')}` },
    });
  });
});
