import { createHash } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { personStore } from '#shared/data/person-store.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, NOW, TABLE } from '#test/helpers/ddb-fixtures.ts';
import { conditionFailed } from '#test/helpers/sdk-errors.ts';
import { decodeUpdate } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws();
const persons = personStore({ db: documentClient(), tableName: TABLE });
const AT = NOW.toISOString();
/** A person is keyed by the hash of the normalised address, never the address. */
const KEY = {
  pk: `PERSON#${createHash('sha256').update('anna@example.com').digest('base64url')}`,
  sk: 'PROFILE',
};

describe('Store: people', () => {
  it('reads a person by the hash of the normalised address, as a parsed profile', async () => {
    // Prepare
    ddb.on(GetCommand, { Key: KEY }).resolves({
      Item: { ...KEY, optedOutAt: AT, bouncedAt: AT, lastSurveyedAt: AT },
    });

    // Act
    const person = await persons.find(' Anna@Example.com ');

    // Assess: bouncedAt is declared (deliverability will write it)
    expect(person).toEqual({ optedOutAt: AT, bouncedAt: AT, lastSurveyedAt: AT });
  });

  it('finds nobody for an address never seen', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({});

    // Act
    const person = await persons.find('anna@example.com');

    // Assess
    expect(person).toBeUndefined();
  });

  it('records an opt-out once, keeping the first time', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    await persons.optOut('anna@example.com', AT);

    // Assess
    expect(ddb).toReceiveCommandWith(UpdateCommand, { TableName: TABLE, Key: KEY });
    const input = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(decodeUpdate(input)).toMatchObject({ set: {}, setIfAbsent: { optedOutAt: AT } });
    expect(JSON.stringify(input)).not.toContain('anna@example.com');
  });

  it('takes an opt-out back: removes its time and keeps when it was taken back', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    await persons.resubscribe('Anna@example.com', AT);

    // Assess
    expect(ddb).toReceiveCommandWith(UpdateCommand, { TableName: TABLE, Key: KEY });
    const input = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(decodeUpdate(input)).toMatchObject({
      set: { resubscribedAt: AT },
      remove: ['optedOutAt'],
    });
  });

  it('takes the survey slot only when the last one is older than the cool-down', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolvesOnce({}).rejectsOnce(conditionFailed());

    // Act
    const taken = await persons.claimSurveySlot('anna@example.com', AT, '2025-03-03T12:00:00.000Z');
    const held = await persons.claimSurveySlot('anna@example.com', AT, '2025-03-03T12:00:00.000Z');

    // Assess
    expect([taken, held]).toEqual([true, false]);
    expect(decodeUpdate(ddb.commandCalls(UpdateCommand)[0]?.args[0].input)).toMatchObject({
      set: { lastSurveyedAt: AT },
      condition:
        'attribute_not_exists(lastSurveyedAt) OR lastSurveyedAt < "2025-03-03T12:00:00.000Z"',
    });
  });
});
