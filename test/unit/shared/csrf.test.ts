import { describe, expect, it } from 'vitest';
import { csrfHashOf, verifyCsrf } from '#shared/access/csrf.ts';

const TOKEN = 'n3Q3oX1y1QdZr6m2cUu3vW9h0aJxkZ6QbqF9d3sR7tE';
const session = { via: 'session' as const, csrfHash: csrfHashOf(TOKEN) };

describe('Access: verifyCsrf', () => {
  it.each(['POST', 'put', 'PATCH', 'DELETE'])('lets a %s with the session token through', (m) => {
    expect(verifyCsrf(session, m, TOKEN)).toBe('ok');
  });

  it.each([
    ['no token', undefined],
    ['an empty token', ''],
    ['another token', `${TOKEN.slice(0, -1)}F`],
    ['the hash instead of the token', csrfHashOf(TOKEN)],
  ])('refuses a session POST with %s', (_case, token) => {
    expect(verifyCsrf(session, 'POST', token)).toBe('refused');
  });

  it('refuses a session POST when the session has no CSRF hash', () => {
    expect(verifyCsrf({ via: 'session' }, 'POST', TOKEN)).toBe('refused');
  });

  it('asks nothing of a read, a bearer JWT or the local token', () => {
    expect(verifyCsrf(session, 'GET', undefined)).toBe('ok');
    expect(verifyCsrf(session, 'HEAD', undefined)).toBe('ok');
    expect(verifyCsrf({ via: 'bearer' }, 'POST', undefined)).toBe('ok');
    expect(verifyCsrf({ via: 'local-token' }, 'DELETE', undefined)).toBe('ok');
  });
});
