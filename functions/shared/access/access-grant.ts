import type { Role } from '../kernel/access-rules.ts';
import type { Principal } from './principal.ts';

/** What an item's scope is checked by: its business unit's id, and its owner's e-mail for a case. */
export interface ScopedItem {
  readonly unit: string;
  readonly ownerEmail?: string | undefined;
}

/**
 * What the access guard hands a handler once a request is let through (docs/access.md):
 * who asks, the business units a list or metric is limited to, and the check of one item.
 */
export interface AccessGrant {
  readonly principal: Principal;
  /**
   * The units a `filter` route's answer is limited to: none (`all`: the route's own unit
   * parameter, if given, narrows it as before), or these unit ids (a unit viewer's own, or
   * the one of theirs they asked for).
   */
  readonly units: 'all' | readonly string[];
  /** Whether the principal may see this item; out of scope answers 404 (as missing). */
  readonly sees: (item: ScopedItem) => boolean;
}

const sameEmail = (a: string, b: string | undefined) =>
  b !== undefined && a.trim() !== '' && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The item check of each role: every item, their units' items, or the cases they own. */
export const itemCheck = (principal: Principal): ((item: ScopedItem) => boolean) => {
  const role: Role = principal.role;
  switch (role) {
    case 'admin':
    case 'quality-manager':
      return () => true;
    case 'unit-viewer': {
      const { units } = principal;
      return (item) => units === 'all' || units.includes(item.unit);
    }
    case 'case-owner':
      return (item) => sameEmail(principal.email, item.ownerEmail);
  }
};
