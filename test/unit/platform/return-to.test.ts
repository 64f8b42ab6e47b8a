import { describe, expect, it } from 'vitest';
import { safeReturnTo } from '#functions/platform/sign-in/return-to.ts';

describe('Sign-in: safeReturnTo', () => {
  it.each([
    ['/console', '/console'],
    ['/console/units?from=2026-01-01#top', '/console/units?from=2026-01-01#top'],
    [undefined, '/console'],
    ['', '/console'],
  ])('keeps a path of this site: %j', (value, kept) => {
    expect(safeReturnTo(value)).toBe(kept);
  });

  it.each([
    '//evil.example/console',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'console',
    '/\t/evil.example',
    '/console\r\nSet-Cookie: x=1',
    `/${'a'.repeat(2000)}`,
  ])('refuses %j (an open redirect)', (value) => {
    expect(safeReturnTo(value)).toBeUndefined();
  });
});
