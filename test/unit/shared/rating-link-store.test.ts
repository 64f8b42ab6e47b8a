import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { BatchGetCommandInput } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { surveyKey, surveyTaskKey, tokenKey } from '#shared/data/keys.ts';
import { ratingLinkStore } from '#shared/data/rating-link-store.ts';
import { hashToken, mintToken } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import {
  documentClient,
  SURVEY_ID,
  surveyItem,
  TABLE,
  testStores,
} from '#test/helpers/ddb-fixtures.ts';

const { ddb } = mockAws({ table: 'empty' });

const token = `${SURVEY_ID}${mintToken()}`;
const tokenItem = {
  ...tokenKey(hashToken(token)),
  kind: 'rating',
  subjectId: SURVEY_ID,
  validUntil: '2025-03-12T09:10:00.000Z',
};
const taskItem = (taskToken: string) => ({
  ...surveyTaskKey(SURVEY_ID),
  taskToken,
  reminderAttempt: { id: 'attempt-1', at: '2025-03-10T11:00:00.000Z', count: 1 },
});

/** The table as BatchGet and GetItem both see it: these items under their keys. */
const givenItems = (items: readonly Record<string, unknown>[]) => {
  const at = (key: Record<string, unknown>) =>
    items.find((item) => item['pk'] === key['pk'] && item['sk'] === key['sk']);
  ddb.on(BatchGetCommand).callsFake((input: BatchGetCommandInput) => ({
    // In another order than asked, as DynamoDB may answer.
    Responses: {
      [TABLE]: (input.RequestItems?.[TABLE]?.Keys ?? [])
        .flatMap((key) => {
          const item = at(key);
          return item ? [structuredClone(item)] : [];
        })
        .reverse(),
    },
  }));
  for (const item of items)
    ddb
      .on(GetCommand, { Key: { pk: item['pk'], sk: item['sk'] } })
      .resolves({ Item: structuredClone(item) });
};

const links = () => ratingLinkStore({ db: documentClient(), tableName: TABLE });

describe('Store: ratingLinkStore.read', () => {
  it('reads the token, the survey and its task item in one strongly consistent request', async () => {
    // Prepare
    givenItems([tokenItem, { ...surveyKey(SURVEY_ID), ...surveyItem() }, taskItem('wf-1')]);

    // Act
    const read = await links().read(token, SURVEY_ID);

    // Assess
    expect(read.link).toEqual({
      kind: 'rating',
      subjectId: SURVEY_ID,
      validUntil: '2025-03-12T09:10:00.000Z',
    });
    expect(read.survey()).toMatchObject({ surveyId: SURVEY_ID, taskToken: 'wf-1' });
    expect(ddb).toReceiveCommandExactlyOnceWith(BatchGetCommand, {
      RequestItems: {
        [TABLE]: {
          Keys: [tokenKey(hashToken(token)), surveyKey(SURVEY_ID), surveyTaskKey(SURVEY_ID)],
          ConsistentRead: true,
        },
      },
    });
    expect(ddb).not.toReceiveCommand(GetCommand);
  });

  it.each([
    [
      'waiting, its token on the task item',
      'wf-1',
      [surveyItem({ status: 'sent' }), taskItem('wf-1')],
    ],
    ['reminded, with its attempt', 'wf-2', [surveyItem({ status: 'reminded' }), taskItem('wf-2')]],
    [
      'rated: the task item left until its TTL',
      undefined,
      [surveyItem({ status: 'rated', score: 4 }), taskItem('wf-3')],
    ],
    [
      'written before the task item (its token on itself)',
      'legacy',
      [surveyItem({ taskToken: 'legacy' })],
    ],
    ['without any token', undefined, [surveyItem()]],
  ])(
    'hands out the survey as surveys.getWithTask does when it is %s',
    async (_label, expectedToken, [survey, task]) => {
      // Prepare: the same items for both reads
      givenItems([tokenItem, { ...surveyKey(SURVEY_ID), ...survey }, ...(task ? [task] : [])]);

      // Act
      const read = await links().read(token, SURVEY_ID);
      const expected = await testStores().surveys.getWithTask(SURVEY_ID);

      // Assess
      expect(read.survey()).toEqual(expected);
    }
  );

  it('finds no link for an unknown token, and no survey where there is none', async () => {
    // Prepare
    givenItems([]);

    // Act
    const read = await links().read(token, SURVEY_ID);

    // Assess
    expect(read.link).toBeUndefined();
    expect(read.survey()).toBeUndefined();
  });

  it('parses the survey only when asked: the link decides first', async () => {
    // Prepare: an item under the survey's key that is no survey
    givenItems([tokenItem, { ...surveyKey(SURVEY_ID), status: 42 }]);

    // Act
    const read = await links().read(token, SURVEY_ID);

    // Assess
    expect(read.link?.subjectId).toBe(SURVEY_ID);
    expect(() => read.survey()).toThrow();
  });
});
