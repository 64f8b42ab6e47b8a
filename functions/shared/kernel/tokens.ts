import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque link tokens (rating, opt-out and case links): 192 random bits, URL-safe, sent
 * only in mail. The table stores their SHA-256 hash, never the token, so a table read
 * cannot produce a working link. They are not Step Functions task tokens.
 */
export const mintToken = (): string => randomBytes(24).toString('base64url');

export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('base64url');

/** The shape of a minted token: what a path parameter must match before any lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** A stable, non-reversible key for an email address (opt-outs, cool-downs). */
export const emailKey = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
