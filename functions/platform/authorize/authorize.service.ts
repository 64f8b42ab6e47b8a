import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { principalFromClaims, type ClaimNames } from '#shared/access/claims.ts';
import type { Principal } from '#shared/access/principal.ts';
import { cookieValue, sessionIdHash, type CookieNames } from '#shared/access/session-cookie.ts';
import type { SessionStore } from '#shared/data/session-store.ts';

/** What the authorizer sees of a request (the REQUEST authorizer's event, payload 2.0). */
export interface AuthorizeInput {
  readonly authorization: string | undefined;
  readonly cookies: readonly string[] | undefined;
  readonly path: string;
}

export interface AuthorizeDeps {
  /** The issuer's signing keys (jose's remote JWKS: fetched once, refreshed on a new kid). */
  readonly keys: JWTVerifyGetKey;
  readonly issuer: string;
  readonly audience: string;
  readonly claimNames: ClaimNames;
  readonly cookieNames: CookieNames;
  readonly sessions: Pick<SessionStore, 'find'>;
  readonly now: () => Date;
}

/**
 * `allow` with the principal; `unsigned` for a person's page without a session (the page
 * sends them to sign in); `deny`: 401, nothing served.
 */
export type Decision =
  | { readonly kind: 'allow'; readonly principal: Principal }
  | { readonly kind: 'unsigned' }
  | { readonly kind: 'deny' };

/** The pages for people: a missing session there is a redirect to sign in, not a 401. */
export const isPersonPage = (path: string): boolean =>
  path === '/console' || path.startsWith('/console/');

/** A token's signature, issuer, audience or time is wrong: the one failure that is the caller's. */
const refused = (error: unknown): boolean => error instanceof errors.JOSEError;

const fromBearer = async (token: string, deps: AuthorizeDeps): Promise<Principal | undefined> => {
  try {
    // The algorithm is the key's (the JWKS names it); an unsigned token has no key.
    const { payload } = await jwtVerify(token, deps.keys, {
      issuer: deps.issuer,
      audience: deps.audience,
      currentDate: deps.now(),
    });
    return principalFromClaims(payload, deps.claimNames, 'bearer');
  } catch (error) {
    if (refused(error)) return undefined;
    throw error;
  }
};

const fromSession = async (
  cookies: readonly string[] | undefined,
  deps: AuthorizeDeps
): Promise<Principal | undefined> => {
  const sessionId = cookieValue(cookies, deps.cookieNames.session);
  if (sessionId === undefined) return undefined;
  const session = await deps.sessions.find(sessionIdHash(sessionId), deps.now());
  if (!session) return undefined;
  return {
    sub: session.sub,
    name: session.name,
    email: session.email,
    role: session.role,
    units: session.units === '*' ? 'all' : session.units,
    via: 'session',
    csrfHash: session.csrfHash,
  };
};

/**
 * Who is behind an admin request (docs/sign-in.md): a machine client by its bearer JWT, a
 * person by their session cookie. A bearer header decides alone: a bad token is refused
 * even when a cookie came too, so that a client never acts as someone it did not say.
 */
export const authorize = async (input: AuthorizeInput, deps: AuthorizeDeps): Promise<Decision> => {
  const bearer = /^Bearer\s+(\S+)$/i.exec(input.authorization ?? '')?.[1];
  const principal =
    input.authorization === undefined
      ? await fromSession(input.cookies, deps)
      : bearer === undefined
        ? undefined
        : await fromBearer(bearer, deps);
  if (principal) return { kind: 'allow', principal };
  return input.authorization === undefined && isPersonPage(input.path)
    ? { kind: 'unsigned' }
    : { kind: 'deny' };
};
