import type { BusinessUnitStore } from '#shared/data/business-unit-store.ts';
import {
  aliasLookupOrder,
  aliasSourceOf,
  UNASSIGNED,
  unassignedUnitPart,
  unassignedValueOf,
  type AliasSource,
  type RawUnit,
} from '#shared/kernel/business-unit-alias.ts';

/** What intake attributes a ticket's business unit to. */
export type UnitResolution =
  | { readonly kind: 'registered'; readonly unitId: string }
  /** No alias matched: recorded under its value, its counters under `unitPart`. */
  | {
      readonly kind: 'unassigned';
      readonly source: AliasSource;
      readonly value: string;
      readonly raw: RawUnit;
      readonly unitPart: string;
    }
  /** The ticket named no unit at all: nothing to map. */
  | { readonly kind: 'none' };

export type ResolveUnit = (source: string, raw: RawUnit | undefined) => Promise<UnitResolution>;

/**
 * How long a warm function keeps an alias it found. Only hits are kept: a miss is read again
 * for the next ticket, so a value mapped a moment ago is never taken for unassigned from a
 * cache (re-attribution would have missed that ticket). A removed or moved alias may still
 * attribute to its old unit for this long; the registry changes seldom, tickets often.
 */
export const ALIAS_CACHE_MS = 60_000;

/**
 * Resolves a ticket's business unit through the registry's aliases (its id, then its name;
 * its own source before `any`): at most one BatchGetItem per ticket, none for a value found
 * within the last minute.
 */
export const unitResolver = (
  units: Pick<BusinessUnitStore, 'resolve'>,
  now: () => Date
): ResolveUnit => {
  const hits = new Map<string, { readonly unitId: string; readonly until: number }>();
  return async (ticketSource, raw) => {
    if (!raw) return { kind: 'none' };
    const source = aliasSourceOf(ticketSource);
    const refs = aliasLookupOrder(source, raw);
    const cacheKey = JSON.stringify(refs);
    const cached = hits.get(cacheKey);
    if (cached && cached.until > now().getTime())
      return { kind: 'registered', unitId: cached.unitId };
    const unitId = await units.resolve(refs);
    if (unitId !== undefined) {
      hits.set(cacheKey, { unitId, until: now().getTime() + ALIAS_CACHE_MS });
      return { kind: 'registered', unitId };
    }
    hits.delete(cacheKey);
    const value = unassignedValueOf(raw);
    return { kind: 'unassigned', source, value, raw, unitPart: unassignedUnitPart(source, value) };
  };
};

/** The unit id a survey keeps, and its aggregates' unit key part. */
export const attributionOf = (resolution: UnitResolution) => {
  switch (resolution.kind) {
    case 'registered':
      return { businessUnit: resolution.unitId, unitPart: resolution.unitId };
    case 'unassigned':
      return { businessUnit: UNASSIGNED, unitPart: resolution.unitPart };
    case 'none':
      return { businessUnit: UNASSIGNED, unitPart: UNASSIGNED };
  }
};
