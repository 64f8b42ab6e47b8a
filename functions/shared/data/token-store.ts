import { hashToken, mintToken, TOKEN_PATTERN } from '../kernel/tokens.ts';
import { itemStore, NEW_ITEM, type Table } from './item-store.ts';
import { epochSeconds, tokenKey, TTL_ATTRIBUTE } from './keys.ts';
import { tokenSchema, type TokenRecord } from './token.ts';

/** Kept 90 days past expiry so an old link answers 410 (closed), not 404, then deleted by TTL. */
const TOKEN_RETENTION_SECONDS = 90 * 86400;

/**
 * A token that names what it opens: the subject's id (a survey's: 32 hex digits), then the
 * random token (32 base64url characters; URL-safe as a whole, no separator needed). Its page reads the link and the survey at once (one round trip,
 * not two: issue 8); the random part is what makes it a credential, and the item is keyed
 * by the hash of the whole token, so a subject id with another random part opens nothing.
 */
const SUBJECT_TOKEN = /^([0-9a-f]{32})[A-Za-z0-9_-]{32}$/;

/** The subject a token names (see SUBJECT_TOKEN); undefined for a plain token. */
export const subjectOfToken = (token: string): string | undefined => SUBJECT_TOKEN.exec(token)?.[1];

/** A token of either shape, before any lookup. */
export const isLinkToken = (token: string): boolean =>
  TOKEN_PATTERN.test(token) || SUBJECT_TOKEN.test(token);

/** Link tokens, stored only as their hash: a table read can never produce a working link. */
export const tokenStore = (table: Table) => {
  const items = itemStore(table);
  return {
    /**
     * Mints a link token and stores its hash with what it opens and until when.
     * @param options.namingSubject the token begins with the subject's id (a survey's id:
     *   32 hex digits), so its page can read both at once
     * @returns the token itself, to put in a mail; it is not stored anywhere
     */
    issue: async (
      record: TokenRecord,
      options: { readonly namingSubject?: boolean } = {}
    ): Promise<string> => {
      const token =
        options.namingSubject && /^[0-9a-f]{32}$/.test(record.subjectId)
          ? `${record.subjectId}${mintToken()}`
          : mintToken();
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
