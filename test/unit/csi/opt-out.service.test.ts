import { createHash } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { openOptOutLink, optOut } from '#functions/csi/pages/opt-out.service.ts';
import { surveyKey, tokenKey } from '#shared/data/keys.ts';
import { LinkGoneError, LinkNotFoundError } from '#shared/data/resolve-link.ts';
import { SurveyNotFoundError } from '#shared/data/not-found-errors.ts';
import { hashToken, mintToken } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { NOW, SURVEY_ID, surveyItem, TABLE, testDeps } from '#test/helpers/ddb-fixtures.ts';
import { decodeUpdate } from '#test/helpers/sent-commands.ts';

const { ddb } = mockAws();
const store = testDeps();

describe('Service: openOptOutLink', () => {
  const token = mintToken();
  const givenToken = (kind: string, validUntil = '2026-03-12T09:10:00.000Z') =>
    ddb
      .on(GetCommand, { Key: tokenKey(hashToken(token)) })
      .resolves({ Item: { kind, subjectId: SURVEY_ID, validUntil } });

  beforeEach(() => {
    ddb.on(GetCommand).resolves({});
  });

  it('returns the survey an unsubscribe token came with', async () => {
    // Prepare
    givenToken('unsubscribe');
    ddb
      .on(GetCommand, { Key: surveyKey(SURVEY_ID) })
      .resolves({ Item: surveyItem({ status: 'expired', locale: 'ru' }) });

    // Act
    const survey = await openOptOutLink(store, token);

    // Assess
    expect(survey).toMatchObject({ surveyId: SURVEY_ID, locale: 'ru' });
  });

  it('answers not found for a rating token', async () => {
    // Prepare
    givenToken('rating');

    // Act
    const result = openOptOutLink(store, token);

    // Assess
    await expect(result).rejects.toBeInstanceOf(LinkNotFoundError);
  });

  it('answers not found for a malformed token without reading the table', async () => {
    // Act
    const result = openOptOutLink(store, 'not-a-token');

    // Assess
    await expect(result).rejects.toBeInstanceOf(LinkNotFoundError);
    expect(ddb).not.toReceiveCommand(GetCommand);
  });

  it('answers gone for an unsubscribe token past its validUntil', async () => {
    // Prepare
    givenToken('unsubscribe', '2025-01-01T00:00:00.000Z');

    // Act
    const result = openOptOutLink(store, token);

    // Assess
    await expect(result).rejects.toBeInstanceOf(LinkGoneError);
  });

  it('fails when the survey of a valid token is missing', async () => {
    // Prepare
    givenToken('unsubscribe');

    // Act
    const result = openOptOutLink(store, token);

    // Assess
    await expect(result).rejects.toBeInstanceOf(SurveyNotFoundError);
  });
});

describe('Service: optOut', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

  it('records the opt-out on the person keyed by a hash of the normalised address', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    await optOut(store, surveyItem({ requesterEmail: '  Anna@Example.COM ' }));

    // Assess
    expect(ddb).toReceiveCommandExactlyOnceWith(UpdateCommand, {
      TableName: TABLE,
      Key: { pk: `PERSON#${sha256('anna@example.com')}`, sk: 'PROFILE' },
    });
    // The first opt-out's time is kept: repeating it changes nothing.
    expect(decodeUpdate(ddb.commandCalls(UpdateCommand)[0]?.args[0].input)).toMatchObject({
      set: {},
      setIfAbsent: { optedOutAt: NOW.toISOString() },
      condition: undefined,
    });
  });

  it('never stores the address itself', async () => {
    // Prepare
    ddb.on(UpdateCommand).resolves({});

    // Act
    await optOut(store, surveyItem({ requesterEmail: 'anna@example.com' }));

    // Assess
    const input = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(JSON.stringify(input)).not.toContain('anna@example.com');
  });

  it('writes nothing for a survey without an address', async () => {
    // Act
    await optOut(store, surveyItem({ requesterEmail: null }));

    // Assess
    expect(ddb).not.toReceiveCommand(UpdateCommand);
  });
});
