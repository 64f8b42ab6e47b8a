import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { hashToken, mintToken } from '../kernel/tokens.ts';
import { epochSeconds, tokenKey } from './keys.ts';
import type { Store, TokenRecord } from './store.ts';

/** Kept 90 days past expiry so an old link answers 410 (closed), not 404, then deleted by TTL. */
const TOKEN_RETENTION_SECONDS = 90 * 86400;

/**
 * Mints a link token and stores its hash with what it opens and until when.
 * @returns the token itself, to put in a mail; it is not stored anywhere
 */
export const issueLinkToken = async (store: Store, record: TokenRecord): Promise<string> => {
  const token = mintToken();
  await store.db.send(
    new PutCommand({
      TableName: store.tableName,
      Item: {
        ...tokenKey(hashToken(token)),
        ...record,
        expiresAt: epochSeconds(new Date(record.validUntil)) + TOKEN_RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    })
  );
  return token;
};
