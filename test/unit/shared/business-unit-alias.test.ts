import { describe, expect, it } from 'vitest';
import {
  aliasCovers,
  aliasLookupOrder,
  aliasSourceOf,
  normaliseAliasValue,
  reportedUnit,
  unassignedUnitPart,
  unassignedValueOf,
} from '#shared/kernel/business-unit-alias.ts';

describe('Kernel: business-unit aliases', () => {
  it.each([
    ['case and surrounding spaces', '  ООО «Волга»  ', 'ооо «волга»'],
    ['inner runs of white space', 'Волга\t \u00a0Логистик', 'волга логистик'],
    ['ё as е', 'Подразделение «Ёлка»', 'подразделение «елка»'],
    ['full-width letters (NFKC)', 'ＦＩＮ', 'fin'],
  ])('normalises %s', (_label, value, expected) => {
    // Act / Assess
    expect(normaliseAliasValue(value)).toBe(expected);
  });

  it('looks up the id before the name, each for its own source before any', () => {
    // Act
    const order = aliasLookupOrder('naumen', { id: 'ou$3301', name: 'Бухгалтерия' });

    // Assess
    expect(order).toEqual([
      { source: 'naumen', value: 'ou$3301' },
      { source: 'any', value: 'ou$3301' },
      { source: 'naumen', value: 'бухгалтерия' },
      { source: 'any', value: 'бухгалтерия' },
    ]);
  });

  it('asks once for an id and a name that normalise alike, and for the name alone without an id', () => {
    // Act / Assess
    expect(aliasLookupOrder('generic', { id: 'FIN', name: 'fin' })).toEqual([
      { source: 'generic', value: 'fin' },
      { source: 'any', value: 'fin' },
    ]);
    expect(aliasLookupOrder('jira', { name: 'Finance' })).toHaveLength(2);
  });

  it('looks a ticket up for its source, the canonical webhook as generic', () => {
    // Act / Assess
    expect(aliasSourceOf('zendesk')).toBe('zendesk');
    expect(aliasSourceOf('generic')).toBe('generic');
    expect(aliasSourceOf('any')).toBe('generic');
  });

  it('keeps each unassigned value apart and reports every one as unassigned', () => {
    // Act
    const fin = unassignedUnitPart('generic', unassignedValueOf({ id: 'FIN', name: 'Финансы' }));
    const hr = unassignedUnitPart('generic', unassignedValueOf({ name: 'HR' }));

    // Assess
    expect(fin).toMatch(/^unassigned~[0-9a-f]{16}$/);
    expect(fin).not.toBe(hr);
    expect(fin).not.toBe(unassignedUnitPart('naumen', 'fin'));
    expect(reportedUnit(fin)).toBe('unassigned');
    expect(reportedUnit('ural-steel')).toBe('ural-steel');
  });

  it('covers a recorded value by its id or name, for its source or any', () => {
    // Prepare
    const recorded = { source: 'naumen' as const, raw: { id: 'OU-1', name: 'Север' } };

    // Act / Assess
    expect(aliasCovers({ source: 'any', value: 'север' }, recorded)).toBe(true);
    expect(aliasCovers({ source: 'naumen', value: 'ou-1' }, recorded)).toBe(true);
    expect(aliasCovers({ source: 'jira', value: 'ou-1' }, recorded)).toBe(false);
    expect(aliasCovers({ source: 'any', value: 'юг' }, recorded)).toBe(false);
  });
});
