import { hashToken, mintToken } from '../kernel/tokens.ts';
import { itemStore, NEW_ITEM, type Table } from './item-store.ts';
import { epochSeconds, tokenKey, TTL_ATTRIBUTE } from './keys.ts';
import { tokenSchema, type TokenRecord } from './token.ts';

/** Kept 90 days past expiry so an old link answers 410 (closed), not 404, then deleted by TTL. */
const TOKEN_RETENTION_SECONDS = 90 * 86400;

/** Link tokens, stored only as their hash: a table read can never produce a working link. */
export const tokenStore = (table: Table) => {
  const items = itemStore(table);
  return {
    /**
     * Mints a link token and stores its hash with what it opens and until when.
     * @returns the token itself, to put in a mail; it is not stored anywhere
     */
    issue: async (record: TokenRecord): Promise<string> => {
      const token = mintToken();
      await items.put(
        {
          ...tokenKey(hashToken(token)),
          ...record,
          // Kept past the later of its validities (a mail's token opens its opt-out link longer).
          [TTL_ATTRIBUTE]:
            epochSeconds(new Date(record.unsubscribeUntil ?? record.validUntil)) +
            TOKEN_RETENTION_SECONDS,
        },
        NEW_ITEM
      );
      return token;
    },
    /** What a token opens; undefined for an unknown one (or an item of another shape). */
    find: async (token: string): Promise<TokenRecord | undefined> => {
      const parsed = tokenSchema.safeParse(await items.get(tokenKey(hashToken(token))));
      return parsed.success ? parsed.data : undefined;
    },
  };
};
export type TokenStore = ReturnType<typeof tokenStore>;
