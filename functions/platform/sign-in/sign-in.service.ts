import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { principalFromClaims, type ClaimNames } from '#shared/access/claims.ts';
import { csrfHashOf, verifyCsrf } from '#shared/access/csrf.ts';
import {
  clearedCookies,
  cookieNamesFor,
  cookieValue,
  mintSecret,
  sessionCookies,
  sessionIdHash,
} from '#shared/access/session-cookie.ts';
import type { DataStores } from '#shared/data/data-stores.ts';
import { epochSeconds } from '#shared/data/keys.ts';
import { logger } from '#shared/powertools.ts';
import { safeReturnTo } from './return-to.ts';

/** How long a sign-in may take between the redirect to the issuer and its callback. */
const SIGN_IN_SECONDS = 600;

export interface SignInDeps {
  readonly stores: Pick<DataStores, 'sessions' | 'signInStates'>;
  readonly issuer: () => Promise<oidc.Configuration>;
  /** This site's origin (PUBLIC_BASE_URL, no trailing slash): the callback is under it. */
  readonly baseUrl: string;
  readonly claimNames: ClaimNames;
  readonly sessionHours: number;
  readonly now: () => Date;
}

const stateHash = (state: string): string => createHash('sha256').update(state).digest('hex');
const redirectUri = (deps: SignInDeps): string => `${deps.baseUrl}/auth/callback`;

/**
 * GET /auth/sign-in: the issuer's authorization URL, with PKCE (S256), state and nonce; what
 * the callback needs is kept under the state's hash for ten minutes.
 */
export const startSignIn = async (
  returnTo: string | undefined,
  deps: SignInDeps
): Promise<{ kind: 'redirect'; url: string } | { kind: 'bad-return-to' }> => {
  const target = safeReturnTo(returnTo);
  if (target === undefined) return { kind: 'bad-return-to' };
  const config = await deps.issuer();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  await deps.stores.signInStates.create(stateHash(state), {
    codeVerifier,
    nonce,
    returnTo: target,
    expiresAt: epochSeconds(deps.now()) + SIGN_IN_SECONDS,
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(deps),
    scope: 'openid profile email',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { kind: 'redirect', url: url.href };
};

export type CallbackOutcome =
  | { readonly kind: 'signed-in'; readonly returnTo: string; readonly cookies: string[] }
  | { readonly kind: 'failed' }
  | { readonly kind: 'no-role' };

/**
 * GET /auth/callback: the state is taken out first (a replayed callback finds none), then
 * openid-client exchanges the code and checks the ID token (signature, issuer, audience,
 * nonce, times); only then is a session written.
 */
export const completeSignIn = async (
  rawQueryString: string,
  deps: SignInDeps
): Promise<CallbackOutcome> => {
  const state = new URLSearchParams(rawQueryString).get('state');
  if (state === null || state === '') return { kind: 'failed' };
  const pending = await deps.stores.signInStates.take(stateHash(state), deps.now());
  if (!pending) return { kind: 'failed' };
  let claims: Record<string, unknown> | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(
      await deps.issuer(),
      new URL(`${redirectUri(deps)}?${rawQueryString}`),
      {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      }
    );
    claims = tokens.claims();
  } catch (error) {
    // The issuer's refusal (a used code, an error answer) or a token that fails its checks.
    if (!isRefusal(error)) throw error;
    logger.warn('sign-in callback refused', { error: error.name, code: error.code });
    return { kind: 'failed' };
  }
  const principal = claims && principalFromClaims(claims, deps.claimNames, 'session');
  if (!principal) return { kind: 'no-role' };
  const sessionId = mintSecret();
  const csrfToken = mintSecret();
  const now = deps.now();
  const lifetime = Math.round(deps.sessionHours * 3600);
  await deps.stores.sessions.create({
    idHash: sessionIdHash(sessionId),
    sub: principal.sub,
    name: principal.name,
    email: principal.email,
    role: principal.role,
    units: principal.units === 'all' ? '*' : [...principal.units],
    csrfHash: csrfHashOf(csrfToken),
    expiresAt: epochSeconds(now) + lifetime,
    createdAt: now.toISOString(),
  });
  return {
    kind: 'signed-in',
    returnTo: pending.returnTo,
    cookies: sessionCookies(deps.baseUrl, { sessionId, csrfToken }, lifetime),
  };
};

/**
 * The issuer's refusal (a used code, an error answer) or one of openid-client's checks
 * failing (state, nonce, issuer, signature, PKCE…): the person's sign-in failed, not ours.
 */
const isRefusal = (
  error: unknown
): error is oidc.ResponseBodyError | oidc.AuthorizationResponseError | oidc.ClientError =>
  error instanceof oidc.ResponseBodyError ||
  error instanceof oidc.AuthorizationResponseError ||
  error instanceof oidc.ClientError;

/**
 * POST /auth/sign-out: the session is removed when the form carries its CSRF token;
 * without the token (a cross-site form) nothing changes. No session: nothing to end, the
 * cookies are cleared all the same.
 */
export const signOut = async (
  cookies: readonly string[] | undefined,
  csrfToken: string | undefined,
  deps: Pick<SignInDeps, 'stores' | 'baseUrl' | 'now'>
): Promise<{ kind: 'signed-out'; cookies: string[] } | { kind: 'refused' }> => {
  const sessionId = cookieValue(cookies, cookieNamesFor(deps.baseUrl).session);
  const session =
    sessionId === undefined
      ? undefined
      : await deps.stores.sessions.find(sessionIdHash(sessionId), deps.now());
  if (sessionId !== undefined && session) {
    const verdict = verifyCsrf({ via: 'session', csrfHash: session.csrfHash }, 'POST', csrfToken);
    if (verdict === 'refused') return { kind: 'refused' };
    await deps.stores.sessions.remove(sessionIdHash(sessionId));
  }
  return { kind: 'signed-out', cookies: clearedCookies(deps.baseUrl) };
};
