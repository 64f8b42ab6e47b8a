import { ROLES, type Role } from '../kernel/access-rules.ts';
import type { Principal } from './principal.ts';

/**
 * Which claims of a verified token say who someone is (docs/sign-in.md): configurable,
 * since Cognito says `cognito:groups` and `custom:units` and Keycloak, Entra ID or ADFS
 * say what their administrators set up.
 */
export interface ClaimNames {
  readonly roles: string;
  readonly units: string;
}

/**
 * When someone holds several roles, the strongest wins: an administrator who is also a
 * quality manager acts as an administrator. A case owner ranks above a unit viewer because
 * both are narrow, and a case owner's cases are the SSC's own work.
 */
const STRENGTH: readonly Role[] = ['admin', 'quality-manager', 'case-owner', 'unit-viewer'];

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** A claim as a list of words: an array of strings, or one string split at commas or spaces. */
const words = (claim: unknown): string[] => {
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter((w) => w !== '');
  if (Array.isArray(claim))
    return claim.flatMap((item) => (typeof item === 'string' ? words(item) : []));
  return [];
};

const text = (claim: unknown): string => (typeof claim === 'string' ? claim : '');

/** The strongest known role among the groups of a token, or undefined when it names none. */
export const roleOf = (claims: Readonly<Record<string, unknown>>, names: ClaimNames) => {
  const held = new Set(words(claims[names.roles]).filter(isRole));
  return STRENGTH.find((role) => held.has(role));
};

/**
 * The principal a verified token's claims describe, or undefined when they name no known
 * role or no subject (then nothing is served: 401). Only a unit viewer is limited to the
 * units its claim lists (none listed: no unit at all); every other role sees every unit,
 * the case owner's narrower rule being the access guard's.
 */
export const principalFromClaims = (
  claims: Readonly<Record<string, unknown>>,
  names: ClaimNames,
  via: 'session' | 'bearer'
): Principal | undefined => {
  const sub = text(claims.sub);
  const role = roleOf(claims, names);
  if (sub === '' || role === undefined) return undefined;
  const units = role === 'unit-viewer' ? [...new Set(words(claims[names.units]))] : 'all';
  return {
    sub,
    name: text(claims.name) || text(claims.preferred_username) || sub,
    email: text(claims.email),
    role,
    units,
    via,
  };
};
