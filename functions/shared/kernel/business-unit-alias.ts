import { createHash } from 'node:crypto';
import { SOURCES } from './sources.ts';

/**
 * How a business unit a ticket system sends is matched to a registered one (docs/business-units.md):
 * the one place the alias sources, the normalisation and the lookup order are decided.
 */

/** What an alias is for: one ticket system, the generic webhook, or any source. */
export const ALIAS_SOURCES = [...SOURCES, 'generic', 'any'] as const;
export type AliasSource = (typeof ALIAS_SOURCES)[number];

/** The unit of a ticket whose business unit is not (yet) an alias of a registered one. */
export const UNASSIGNED = 'unassigned';

/** A business-unit value as a source sends it: an id (a UUID, a company sys_id), a name. */
export interface RawUnit {
  readonly id?: string | undefined;
  readonly name: string;
}

/**
 * The form an alias value is compared in: Unicode NFKC (full-width letters, ligatures), no
 * spaces around, inner runs of white space as one, lower case, ё as е. So «ООО  Волга» and
 * «ооо волга» are one value; a `#` stays (values end the key, nothing is split after them).
 */
export const normaliseAliasValue = (value: string): string =>
  value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase().replace(/ё/g, 'е');

/** One alias to look up: a source and a normalised value. */
export interface AliasRef {
  readonly source: AliasSource;
  readonly value: string;
}

/**
 * The aliases a raw unit may match, first match wins: its id, then its name, each for its
 * own source before `any`. An id is what the system keeps stable; a name may be renamed.
 */
export const aliasLookupOrder = (source: AliasSource, raw: RawUnit): AliasRef[] => {
  const values = [raw.id, raw.name]
    .filter((value): value is string => value !== undefined)
    .map(normaliseAliasValue)
    .filter((value) => value !== '');
  const sources: AliasSource[] = source === 'any' ? ['any'] : [source, 'any'];
  const refs = values.flatMap((value) => sources.map((s) => ({ source: s, value })));
  return refs.filter(
    (ref, at) => refs.findIndex((r) => r.source === ref.source && r.value === ref.value) === at
  );
};

/** The source an ingested ticket's unit is looked up for (`generic` for the canonical webhook). */
export const aliasSourceOf = (source: string): AliasSource =>
  ALIAS_SOURCES.find((s) => s === source && s !== 'any') ?? 'generic';

/** The value an unassigned unit is recorded under: its id, else its name, normalised. */
export const unassignedValueOf = (raw: RawUnit): string =>
  normaliseAliasValue(raw.id ?? raw.name) || normaliseAliasValue(raw.name);

/** The prefix of an unassigned raw value's aggregate key part. */
const UNASSIGNED_PART = `${UNASSIGNED}~`;

/**
 * The aggregate key part of one unassigned raw value (`unassigned~<hash>`): its counters
 * are kept apart per value, so mapping the value later moves exactly its own counters.
 */
export const unassignedUnitPart = (source: AliasSource, value: string): string =>
  `${UNASSIGNED_PART}${createHash('sha256').update(`${source}|${value}`).digest('hex').slice(0, 16)}`;

/** The unit a report shows for an aggregate's key part: every unassigned value as `unassigned`. */
export const reportedUnit = (part: string): string =>
  part.startsWith(UNASSIGNED_PART) ? UNASSIGNED : part;

/** Whether an alias covers an unassigned value recorded for a source (by its id or its name). */
export const aliasCovers = (
  alias: AliasRef,
  recorded: { readonly source: AliasSource; readonly raw: RawUnit }
): boolean =>
  (alias.source === 'any' || alias.source === recorded.source) &&
  [recorded.raw.id, recorded.raw.name].some(
    (value) => value !== undefined && normaliseAliasValue(value) === alias.value
  );
