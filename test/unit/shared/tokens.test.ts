import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emailKey, hashToken, mintToken, TOKEN_PATTERN } from '#shared/kernel/tokens.ts';

describe('Function: mintToken', () => {
  it('mints a URL-safe token of the shape links are checked against', () => {
    // Act
    const token = mintToken();

    // Assess
    expect(token).toMatch(TOKEN_PATTERN);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('carries 192 random bits', () => {
    // Act
    const bytes = Buffer.from(mintToken(), 'base64url');

    // Assess
    expect(bytes.length * 8).toBe(192);
  });

  it('mints a different token every time', () => {
    // Act
    const tokens = new Set(Array.from({ length: 1000 }, () => mintToken()));

    // Assess
    expect(tokens.size).toBe(1000);
  });
});

describe('Function: hashToken', () => {
  it('is the base64url SHA-256 of the token, stable, and not the token', () => {
    // Prepare
    const token = mintToken();

    // Act
    const hash = hashToken(token);

    // Assess
    expect(hash).toBe(hashToken(token));
    expect(hash).toBe(createHash('sha256').update(token).digest('base64url'));
    expect(hash).not.toBe(token);
    expect(hash).not.toContain(token);
    expect(hash).not.toMatch(TOKEN_PATTERN); // 43 characters: a hash cannot pass as a token
  });

  it('differs for different tokens', () => {
    // Act
    const hashes = [hashToken(mintToken()), hashToken(mintToken())];

    // Assess
    expect(hashes[0]).not.toBe(hashes[1]);
  });
});

describe('Constant: TOKEN_PATTERN', () => {
  it.each([['a'.repeat(31)], ['a'.repeat(33)], [`${'a'.repeat(31)}=`], [`${'a'.repeat(31)}/`]])(
    'refuses %s',
    (text) => {
      // Act
      const matches = TOKEN_PATTERN.test(text);

      // Assess
      expect(matches).toBe(false);
    }
  );
});

describe('Function: emailKey', () => {
  it('keys an address by the hash of its trimmed lower case', () => {
    // Act
    const keys = [emailKey(' Anna@Example.COM '), emailKey('anna@example.com')];

    // Assess
    expect(keys[0]).toBe(keys[1]);
    expect(keys[0]).toBe(createHash('sha256').update('anna@example.com').digest('base64url'));
    expect(keys[0]).not.toContain('anna');
  });
});
