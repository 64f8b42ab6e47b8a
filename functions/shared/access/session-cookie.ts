import { createHash, randomBytes } from 'node:crypto';

/**
 * The browser's session cookies (docs/sign-in.md). The session id and the CSRF token are 32
 * random bytes each; the table keeps only their SHA-256, so a table read signs nobody in.
 * On https the names take the `__Host-` prefix: the browser then accepts them only Secure,
 * with Path=/ and no Domain, so no other host of the domain can plant one.
 *
 * Parsed by hand: API Gateway already splits the Cookie header into `event.cookies`, one
 * `name=value` each, so what is left is one split at the first `=`.
 */
export interface CookieNames {
  readonly session: string;
  readonly csrf: string;
}

export const cookieNamesFor = (publicBaseUrl: string): CookieNames =>
  isHttps(publicBaseUrl)
    ? { session: '__Host-otklik_session', csrf: '__Host-otklik_csrf' }
    : { session: 'otklik_session', csrf: 'otklik_csrf' };

const isHttps = (url: string): boolean => url.startsWith('https://');

/** A new random secret: a session id or a CSRF token. */
export const mintSecret = (): string => randomBytes(32).toString('base64url');

/** The key a session is stored under: the SHA-256 (hex) of its id. */
export const sessionIdHash = (sessionId: string): string =>
  createHash('sha256').update(sessionId).digest('hex');

/** A secret's shape (32 bytes base64url): anything else is refused before any lookup. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** The value of one cookie from API Gateway's `cookies` list, if it has a well-formed value. */
export const cookieValue = (
  cookies: readonly string[] | undefined,
  name: string
): string | undefined => {
  for (const cookie of cookies ?? []) {
    const at = cookie.indexOf('=');
    if (at > 0 && cookie.slice(0, at).trim() === name) {
      const value = cookie.slice(at + 1).trim();
      return SECRET.test(value) ? value : undefined;
    }
  }
  return undefined;
};

const attributes = (publicBaseUrl: string, maxAgeSeconds: number): string =>
  [
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    ...(isHttps(publicBaseUrl) ? ['Secure'] : []),
    `Max-Age=${maxAgeSeconds}`,
  ].join('; ');

/** The Set-Cookie values of a new session: its id and its CSRF token, both HttpOnly. */
export const sessionCookies = (
  publicBaseUrl: string,
  secrets: { readonly sessionId: string; readonly csrfToken: string },
  maxAgeSeconds: number
): string[] => {
  const names = cookieNamesFor(publicBaseUrl);
  return [
    `${names.session}=${secrets.sessionId}; ${attributes(publicBaseUrl, maxAgeSeconds)}`,
    `${names.csrf}=${secrets.csrfToken}; ${attributes(publicBaseUrl, maxAgeSeconds)}`,
  ];
};

/** The Set-Cookie values that clear both cookies (sign-out). */
export const clearedCookies = (publicBaseUrl: string): string[] => {
  const names = cookieNamesFor(publicBaseUrl);
  return [
    `${names.session}=; ${attributes(publicBaseUrl, 0)}`,
    `${names.csrf}=; ${attributes(publicBaseUrl, 0)}`,
  ];
};
