import { z } from 'zod';
import { ROLES } from '../kernel/access-rules.ts';
import { itemStore, NEW_ITEM, type Table } from './item-store.ts';
import { epochSeconds, sessionKey, signInStateKey, TTL_ATTRIBUTE } from './keys.ts';

/**
 * A browser session (docs/sign-in.md): who signed in, as their ID token said, and until
 * when. Stored under the hash of the session id; `csrfHash` is the hash of its CSRF token.
 */
export const sessionSchema = z.object({
  sub: z.string().min(1),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  /** `*` for every unit, else the unit ids. */
  units: z.union([z.literal('*'), z.array(z.string())]),
  csrfHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Epoch seconds; also the table's TTL attribute, so DynamoDB deletes it some time after. */
  [TTL_ATTRIBUTE]: z.number().int(),
  createdAt: z.string(),
});
export type SessionRecord = z.infer<typeof sessionSchema>;

/** Sessions; `find` refuses an expired one at once, without waiting for TTL's deletion. */
export const sessionStore = (table: Table) => {
  const items = itemStore(table);
  return {
    /** A new session under the hash of its id (`idHash`). */
    create: async ({
      idHash,
      ...record
    }: SessionRecord & { readonly idHash: string }): Promise<void> => {
      await items.put({ ...sessionKey(idHash), ...record }, NEW_ITEM);
    },
    /** The session, or undefined when there is none, it is malformed or it has expired. */
    find: async (idHash: string, now: Date): Promise<SessionRecord | undefined> => {
      const parsed = sessionSchema.safeParse(await items.get(sessionKey(idHash)));
      if (!parsed.success) return undefined;
      return parsed.data[TTL_ATTRIBUTE] > epochSeconds(now) ? parsed.data : undefined;
    },
    remove: async (idHash: string): Promise<void> => {
      await items.remove(sessionKey(idHash));
    },
  };
};
export type SessionStore = ReturnType<typeof sessionStore>;

/** A sign-in under way: what the callback needs to finish it, for ten minutes at most. */
export const signInStateSchema = z.object({
  codeVerifier: z.string().min(43),
  nonce: z.string().min(1),
  returnTo: z.string(),
  [TTL_ATTRIBUTE]: z.number().int(),
});
export type SignInState = z.infer<typeof signInStateSchema>;

export const signInStateStore = (table: Table) => {
  const items = itemStore(table);
  return {
    create: async (stateHash: string, state: SignInState): Promise<void> => {
      await items.put({ ...signInStateKey(stateHash), ...state }, NEW_ITEM);
    },
    /**
     * Takes the state out (deletes it and returns it): a replayed callback finds nothing.
     * Undefined too when it has expired but TTL has not yet deleted it.
     */
    take: async (stateHash: string, now: Date): Promise<SignInState | undefined> => {
      const parsed = signInStateSchema.safeParse(await items.remove(signInStateKey(stateHash)));
      if (!parsed.success) return undefined;
      return parsed.data[TTL_ATTRIBUTE] > epochSeconds(now) ? parsed.data : undefined;
    },
  };
};
export type SignInStateStore = ReturnType<typeof signInStateStore>;
