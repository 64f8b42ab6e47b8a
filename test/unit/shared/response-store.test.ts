import { GetCommand } from '@aws-sdk/lib-dynamodb';
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
});
