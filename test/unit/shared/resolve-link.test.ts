import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LinkGoneError, LinkNotFoundError, resolveLink } from '#shared/data/resolve-link.ts';
import { tokenStore } from '#shared/data/token-store.ts';
import { hashToken } from '#shared/kernel/tokens.ts';
import { mockAws } from '#test/helpers/aws-mocks.ts';
import { documentClient, SURVEY_ID, TABLE } from '#test/helpers/ddb-fixtures.ts';

const { ddb } = mockAws();
const tokens = tokenStore({ db: documentClient(), tableName: TABLE });
const TOKEN = 'a'.repeat(32);
/** A survey mail's token: it rates until the survey closes, opts out a year longer. */
const mailToken = {
  pk: `TOKEN#${hashToken(TOKEN)}`,
  sk: 'TOKEN',
  kind: 'rating',
  subjectId: SURVEY_ID,
  validUntil: '2025-03-12T09:10:00.000Z',
  unsubscribeUntil: '2026-03-12T09:10:00.000Z',
};
const given = (item: Record<string, unknown>) => {
  ddb.on(GetCommand).resolves({ Item: item });
};

describe('resolveLink: one token for both links of a survey mail', () => {
  it('opens the rating link until validUntil and the opt-out link until unsubscribeUntil', async () => {
    // Prepare
    given(mailToken);
    const open = new Date('2025-03-12T09:00:00.000Z');
    const afterClose = new Date('2025-06-01T00:00:00.000Z');

    // Act
    const rating = await resolveLink(tokens, TOKEN, 'rating', open);
    const optOut = await resolveLink(tokens, TOKEN, 'unsubscribe', afterClose);
    const lateRating = resolveLink(tokens, TOKEN, 'rating', afterClose);

    // Assess
    expect(rating).toMatchObject({ kind: 'rating', validUntil: mailToken.validUntil });
    expect(optOut).toMatchObject({
      kind: 'unsubscribe',
      subjectId: SURVEY_ID,
      validUntil: mailToken.unsubscribeUntil,
    });
    await expect(lateRating).rejects.toBeInstanceOf(LinkGoneError);
  });

  it('answers a gone opt-out after unsubscribeUntil', async () => {
    // Prepare
    given(mailToken);

    // Act
    const act = resolveLink(tokens, TOKEN, 'unsubscribe', new Date('2026-04-01T00:00:00.000Z'));

    // Assess
    await expect(act).rejects.toBeInstanceOf(LinkGoneError);
  });

  it('opens no other kind: a rating token without unsubscribeUntil, or a case link', async () => {
    // Prepare: a token issued before mails had one token
    given({ ...mailToken, unsubscribeUntil: undefined });
    const now = new Date('2025-03-12T09:00:00.000Z');

    // Act
    const optOut = resolveLink(tokens, TOKEN, 'unsubscribe', now);
    const asCase = resolveLink(tokens, TOKEN, 'case', now);

    // Assess
    await expect(optOut).rejects.toBeInstanceOf(LinkNotFoundError);
    await expect(asCase).rejects.toBeInstanceOf(LinkNotFoundError);
  });

  it('keeps a mail token 90 days past its later validity', async () => {
    // Prepare
    ddb.on(PutCommand).resolves({});

    // Act
    await tokens.issue({
      kind: 'rating',
      subjectId: SURVEY_ID,
      validUntil: mailToken.validUntil,
      unsubscribeUntil: mailToken.unsubscribeUntil,
    });

    // Assess
    expect(ddb.commandCalls(PutCommand)[0]?.args[0].input.Item?.expiresAt).toBe(
      Date.parse(mailToken.unsubscribeUntil) / 1000 + 90 * 86400
    );
  });
});
