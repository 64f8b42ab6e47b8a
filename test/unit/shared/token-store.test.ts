import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { tokenStore } from '#shared/data/token-store.ts';
import { hashToken, TOKEN_PATTERN } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, SURVEY_ID, TABLE } from '#test/helpers/ddb-fixtures.ts';
import { expectNewItemOnly } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws();
const tokens = tokenStore({ db: documentClient(), tableName: TABLE });
const record = {
  kind: 'rating' as const,
  subjectId: SURVEY_ID,
  validUntil: '2025-03-12T09:10:00.000Z',
};

describe('Store: link tokens', () => {
  it('issues a fresh token and stores only its hash, kept 90 days past its validity', async () => {
    // Prepare
    ddb.on(PutCommand).resolves({});

    // Act
    const token = await tokens.issue(record);

    // Assess
    expect(token).toMatch(TOKEN_PATTERN);
    const put = ddb.commandCalls(PutCommand)[0]?.args[0].input;
    expect(put?.Item).toEqual({
      pk: `TOKEN#${hashToken(token)}`,
      sk: 'TOKEN',
      ...record,
      expiresAt: Date.parse(record.validUntil) / 1000 + 90 * 86400,
    });
    expectNewItemOnly(put);
    expect(JSON.stringify(put)).not.toContain(token);
  });

  it('stores and finds the holder of a case link: a role and an email hash', async () => {
    // Prepare
    const caseLink = {
      kind: 'case' as const,
      subjectId: SURVEY_ID,
      validUntil: '2025-04-09T00:00:00.000Z',
      holder: { role: 'owner' as const, emailHash: 'aGFzaA', generation: 2 },
    };
    ddb.on(PutCommand).resolves({});

    // Act
    const token = await tokens.issue(caseLink);
    const item = ddb.commandCalls(PutCommand)[0]?.args[0].input.Item;
    ddb.on(GetCommand).resolves({ Item: item });
    const found = await tokens.find(token);

    // Assess
    expect(item).toMatchObject({ holder: caseLink.holder });
    expect(found).toEqual(caseLink);
  });

  it('finds what a token opens by its hash, and nothing for an unknown or odd item', async () => {
    // Prepare
    ddb.on(GetCommand).resolves({});
    ddb
      .on(GetCommand, { Key: { pk: `TOKEN#${hashToken('known')}`, sk: 'TOKEN' } })
      .resolves({ Item: { ...record, expiresAt: 1 } })
      .on(GetCommand, { Key: { pk: `TOKEN#${hashToken('odd')}`, sk: 'TOKEN' } })
      .resolves({ Item: { kind: 'other' } });

    // Act
    const found = await tokens.find('known');
    const odd = await tokens.find('odd');
    const unknown = await tokens.find('unknown');

    // Assess
    expect(found).toEqual(record);
    expect(odd).toBeUndefined();
    expect(unknown).toBeUndefined();
  });
});
