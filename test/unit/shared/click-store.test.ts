import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { clickStore } from '#shared/data/click-store.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, SURVEY_ID, TABLE } from '#test/helpers/ddb-fixtures.ts';
import { decodeUpdate } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws({ table: 'empty' });
const clicks = clickStore({ db: documentClient(), tableName: TABLE });
const AT = '2026-03-02T10:00:00.000Z';
const lastUpdate = () => ddb.commandCalls(UpdateCommand).at(-1)?.args[0].input;

describe('Store: clickStore', () => {
  it('records the first click once, and counts later ones on the survey', async () => {
    // Act
    const click = { surveyId: SURVEY_ID, at: AT, userAgent: 'UA', logLine: undefined };
    const first = clicks.firstClickItem(click);
    await clicks.repeatClick(click);

    // Assess
    expect(decodeUpdate(first.Update)).toMatchObject({
      set: { firstClickAt: AT, lastClickAt: AT, lastClickUserAgent: 'UA', clickCount: 1 },
      condition: 'attribute_not_exists(firstClickAt)',
    });
    expect(decodeUpdate(lastUpdate())).toMatchObject({
      set: { lastClickAt: AT, lastClickUserAgent: 'UA' },
      add: { clickCount: 1 },
      condition: undefined,
    });
  });
});
