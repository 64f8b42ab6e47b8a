import { describe, expect, it } from 'vitest';
import {
  clearedCookies,
  cookieNamesFor,
  cookieValue,
  mintSecret,
  sessionCookies,
} from '#shared/access/session-cookie.ts';

const ID = mintSecret();
const CSRF = mintSecret();

describe('Access: session cookies', () => {
  it('takes the __Host- prefix on https only', () => {
    expect(cookieNamesFor('https://otklik.example.com')).toEqual({
      session: '__Host-otklik_session',
      csrf: '__Host-otklik_csrf',
    });
    expect(cookieNamesFor('http://127.0.0.1:3000').session).toBe('otklik_session');
  });

  it('sets both cookies HttpOnly, SameSite=Lax, Path=/, Secure on https, for the session length', () => {
    // Act
    const [session, csrf] = sessionCookies(
      'https://otklik.example.com',
      { sessionId: ID, csrfToken: CSRF },
      28800
    );

    // Assess
    expect(session).toBe(
      `__Host-otklik_session=${ID}; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=28800`
    );
    expect(csrf).toBe(
      `__Host-otklik_csrf=${CSRF}; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=28800`
    );
    expect(
      sessionCookies('http://127.0.0.1:3000', { sessionId: ID, csrfToken: CSRF }, 60)[0]
    ).not.toContain('Secure');
  });

  it('clears both cookies with an empty value and Max-Age=0', () => {
    expect(clearedCookies('http://127.0.0.1:3000')).toEqual([
      'otklik_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0',
      'otklik_csrf=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0',
    ]);
  });

  it('reads a well-formed value from API Gateway cookies, by exact name', () => {
    expect(cookieValue(['a=1', `otklik_session=${ID}`], 'otklik_session')).toBe(ID);
    expect(cookieValue([`x_otklik_session=${ID}`], 'otklik_session')).toBeUndefined();
    expect(cookieValue([`__Host-otklik_session=${ID}`], '__Host-otklik_session')).toBe(ID);
  });

  it.each([
    ['no cookies', undefined],
    ['a value of the wrong length', ['otklik_session=abc']],
    ['a value with other characters', [`otklik_session=${ID.slice(0, 42)}!`]],
    ['an empty value', ['otklik_session=']],
    ['a name without a value', ['otklik_session']],
  ])('gives nothing for %s', (_case, cookies) => {
    expect(cookieValue(cookies, 'otklik_session')).toBeUndefined();
  });

  it('mints a different 32-byte secret each time', () => {
    expect(mintSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mintSecret()).not.toBe(mintSecret());
  });
});
